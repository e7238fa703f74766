import { Content, WarningPanel } from '@backstage/core-components';
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  POSTMORTEM_ORDER_BYS,
  POSTMORTEM_STAGES,
  Postmortem,
  PostmortemOrderBy,
  PostmortemStage,
  SEVERITIES,
  Severity,
} from '@postmortems/plugin-postmortem-common';
import {
  FormEvent,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { postmortemApiRef, SortDirection } from '../../api/PostmortemApi';
import { PostmortemTable } from '../PostmortemTable';
import { usePostmortemT } from '../shared/format';
import {
  defaultDirection,
  EMPTY_FILTERS,
  filtersToParams,
  filtersToQuery,
  parseFilters,
  PostmortemFilters,
} from './filters';
import { OwnerGroupPicker } from './OwnerGroupPicker';

export const PAGE_SIZE = 25;

function FilterBar(props: {
  filters: PostmortemFilters;
  onApply: (filters: PostmortemFilters) => void;
}) {
  const { filters, onApply } = props;
  const t = usePostmortemT();
  // Text fields apply on submit; the selects and the group picker at once.
  const [draft, setDraft] = useState(filters);
  const applied = JSON.stringify(filters);
  useEffect(() => setDraft(JSON.parse(applied)), [applied]);

  const text = (key: 'entityRef' | 'text' | 'from' | 'to') => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) =>
      setDraft(prev => ({ ...prev, [key]: e.target.value })),
  });
  const choose = (changes: Partial<PostmortemFilters>) => {
    const next = { ...draft, ...changes };
    setDraft(next);
    onApply(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const all = (selected: unknown) =>
    (selected as string[]).length === 0
      ? t('filters.all')
      : (selected as string[]).join(', ');

  return (
    <Paper component="section" aria-labelledby="postmortem-filters-title">
      <Box p={2} mb={2}>
        <Typography variant="h6" component="h2" id="postmortem-filters-title">
          {t('filters.title')}
        </Typography>
        <form onSubmit={submit} role="search" aria-label={t('filters.title')}>
          <Grid container spacing={2} alignItems="flex-end">
            <Grid item xs={12} sm={6} md={4}>
              <TextField
                id="postmortem-filter-entity"
                label={t('filters.entityRef')}
                helperText={t('filters.entityRefHelp')}
                fullWidth
                {...text('entityRef')}
              />
            </Grid>
            <Grid item xs={12} sm={6} md={4}>
              <OwnerGroupPicker
                id="postmortem-filter-owner"
                value={draft.ownerRef}
                onChange={ownerRef => choose({ ownerRef })}
              />
            </Grid>
            <Grid item xs={12} sm={12} md={4}>
              <TextField
                id="postmortem-filter-text"
                label={t('filters.text')}
                type="search"
                fullWidth
                {...text('text')}
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <TextField
                id="postmortem-filter-severity"
                label={t('filters.severity')}
                select
                fullWidth
                value={draft.severity}
                InputLabelProps={{ shrink: true }}
                SelectProps={{
                  multiple: true,
                  displayEmpty: true,
                  renderValue: all,
                }}
                onChange={e =>
                  choose({ severity: e.target.value as unknown as Severity[] })
                }
              >
                {SEVERITIES.map(severity => (
                  <MenuItem key={severity} value={severity}>
                    <Checkbox
                      checked={draft.severity.includes(severity)}
                      size="small"
                      inputProps={{ 'aria-hidden': true }}
                      tabIndex={-1}
                    />
                    <ListItemText primary={severity} />
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <TextField
                id="postmortem-filter-stage"
                label={t('filters.stage')}
                select
                fullWidth
                value={draft.stage}
                InputLabelProps={{ shrink: true }}
                SelectProps={{
                  multiple: true,
                  displayEmpty: true,
                  renderValue: selected =>
                    (selected as PostmortemStage[]).length === 0
                      ? t('filters.all')
                      : (selected as PostmortemStage[])
                          .map(stage => t(`stages.${stage}`))
                          .join(', '),
                }}
                onChange={e =>
                  choose({
                    stage: e.target.value as unknown as PostmortemStage[],
                  })
                }
              >
                {POSTMORTEM_STAGES.map(stage => (
                  <MenuItem key={stage} value={stage}>
                    <Checkbox
                      checked={draft.stage.includes(stage)}
                      size="small"
                      inputProps={{ 'aria-hidden': true }}
                      tabIndex={-1}
                    />
                    <ListItemText primary={t(`stages.${stage}`)} />
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={6} sm={3}>
              <TextField
                id="postmortem-filter-from"
                label={t('filters.from')}
                type="date"
                InputLabelProps={{ shrink: true }}
                fullWidth
                {...text('from')}
              />
            </Grid>
            <Grid item xs={6} sm={3}>
              <TextField
                id="postmortem-filter-to"
                label={t('filters.to')}
                type="date"
                InputLabelProps={{ shrink: true }}
                fullWidth
                {...text('to')}
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <FormControlLabel
                control={
                  <Checkbox
                    id="postmortem-filter-recurring"
                    checked={draft.recurring}
                    onChange={e => choose({ recurring: e.target.checked })}
                  />
                }
                label={t('filters.recurring')}
              />
            </Grid>
            {/* The server sorts before paging, so the order holds across pages. */}
            <Grid item xs={6} sm={3}>
              <TextField
                id="postmortem-sort"
                label={t('filters.sort')}
                select
                SelectProps={{ native: true }}
                fullWidth
                value={draft.orderBy}
                onChange={e => {
                  const orderBy = e.target.value as PostmortemOrderBy;
                  choose({ orderBy, order: defaultDirection(orderBy) });
                }}
              >
                {POSTMORTEM_ORDER_BYS.map(orderBy => (
                  <option key={orderBy} value={orderBy}>
                    {t(`filters.sortBy.${orderBy}`)}
                  </option>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={6} sm={3}>
              <TextField
                id="postmortem-order"
                label={t('filters.order')}
                select
                SelectProps={{ native: true }}
                fullWidth
                value={draft.order}
                onChange={e =>
                  choose({ order: e.target.value as SortDirection })
                }
              >
                <option value="asc">{t('filters.orderAsc')}</option>
                <option value="desc">{t('filters.orderDesc')}</option>
              </TextField>
            </Grid>
            <Grid item xs={12}>
              <Box display="flex" style={{ gap: 8 }}>
                <Button type="submit" variant="contained" color="primary">
                  {t('filters.apply')}
                </Button>
                <Button
                  type="button"
                  onClick={() =>
                    choose({
                      ...EMPTY_FILTERS,
                      orderBy: draft.orderBy,
                      order: draft.order,
                    })
                  }
                >
                  {t('filters.clear')}
                </Button>
              </Box>
            </Grid>
          </Grid>
        </form>
      </Box>
    </Paper>
  );
}

interface ListState {
  items: Postmortem[];
  totalCount: number;
  /** More than totalCount match: the server stopped counting there. */
  totalCountCapped?: boolean;
  nextCursor?: string;
  loading: boolean;
  loadingMore: boolean;
  error?: Error;
}

const INITIAL: ListState = {
  items: [],
  totalCount: 0,
  loading: true,
  loadingMore: false,
};

/**
 * The portal-wide list of postmortems at /postmortems: filters kept in the
 * query string, server-side cursor paging with "Load more".
 */
export function PostmortemsPage() {
  const api = useApi(postmortemApiRef);
  const t = usePostmortemT();
  const [params, setParams] = useAppSearchParams();
  const search = params.toString();
  const filters = useMemo(
    () => parseFilters(new URLSearchParams(search)),
    [search],
  );
  // The order is part of the query: the server sorts, then pages.
  const queryKey = JSON.stringify(filtersToQuery(filters));
  const [list, setList] = useState<ListState>(INITIAL);
  // Answers for an older query are dropped.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    setList(INITIAL);
    api.listPostmortems({ ...JSON.parse(queryKey), limit: PAGE_SIZE }).then(
      page =>
        current === generation.current &&
        setList({ ...INITIAL, ...page, loading: false }),
      error =>
        current === generation.current &&
        setList({ ...INITIAL, loading: false, error }),
    );
  }, [api, queryKey]);

  const loadMore = useCallback(() => {
    const cursor = list.nextCursor;
    if (!cursor) return;
    const current = generation.current;
    setList(prev => ({ ...prev, loadingMore: true, error: undefined }));
    api
      .listPostmortems({ ...JSON.parse(queryKey), cursor, limit: PAGE_SIZE })
      .then(
        page =>
          current === generation.current &&
          setList(prev => ({
            ...prev,
            items: [...prev.items, ...page.items],
            totalCount: page.totalCount,
            totalCountCapped: page.totalCountCapped,
            nextCursor: page.nextCursor,
            loadingMore: false,
          })),
        error =>
          current === generation.current &&
          setList(prev => ({ ...prev, loadingMore: false, error })),
      );
  }, [api, queryKey, list.nextCursor]);

  const apply = useCallback(
    (next: PostmortemFilters) => setParams(filtersToParams(next)),
    [setParams],
  );

  return (
    <Content>
      <FilterBar filters={filters} onApply={apply} />
      {list.error && (
        <Box mb={2}>
          <WarningPanel
            severity="error"
            title={t('list.error', { message: list.error.message })}
          />
        </Box>
      )}
      <PostmortemTable
        title={t('pageTitle')}
        postmortems={list.items}
        loading={list.loading}
      />
      {!list.loading && (
        <Box
          mt={2}
          display="flex"
          alignItems="center"
          style={{ gap: 16 }}
          aria-live="polite"
        >
          <Typography variant="body2">
            {t('list.count', {
              shown: String(list.items.length),
              total: `${list.totalCount}${list.totalCountCapped ? '+' : ''}`,
            })}
          </Typography>
          {list.nextCursor && (
            <Button
              variant="outlined"
              onClick={loadMore}
              disabled={list.loadingMore}
            >
              {list.loadingMore ? t('list.loadingMore') : t('list.loadMore')}
            </Button>
          )}
        </Box>
      )}
    </Content>
  );
}
