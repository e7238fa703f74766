import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  SCORECARD_GROUP_BYS,
  SCORECARD_INTERVALS,
  ScorecardGroupBy,
  ScorecardInterval,
  SEVERITIES,
} from '@postmortems/plugin-postmortem-common';
import { KeyboardEvent, useEffect, useState } from 'react';
import { ScorecardFilters } from './filters';
import { useScorecardStyles } from './styles';
import { useScorecardsT } from './translation';

/** Whether a date input holds a whole, plausible day (not one half typed). */
const isDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= '1970-01-01';

/** A text field that applies its value on Enter or when left. */
function CommitTextField(props: {
  id: string;
  label: string;
  helperText: string;
  value: string;
  onCommit: (value: string) => void;
}) {
  const classes = useScorecardStyles();
  const { value, onCommit } = props;
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim());
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    }
  };
  return (
    <TextField
      id={props.id}
      label={props.label}
      helperText={props.helperText}
      value={draft}
      onChange={e => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={onKeyDown}
      className={classes.textControl}
      margin="dense"
    />
  );
}

/** The controls of the scorecard page; every change applies at once. */
export function ScorecardControls(props: {
  filters: ScorecardFilters;
  onChange: (patch: Partial<ScorecardFilters>) => void;
}) {
  const t = useScorecardsT();
  const classes = useScorecardStyles();
  const { filters, onChange } = props;

  const toggleSeverity = (severity: string, checked: boolean) =>
    onChange({
      severity: checked
        ? SEVERITIES.filter(s => s === severity || filters.severity.includes(s))
        : filters.severity.filter(s => s !== severity),
    });

  return (
    <div>
      <div className={classes.controls}>
        <TextField
          select
          id="scorecards-group-by"
          label={t('filters.groupBy')}
          value={filters.groupBy}
          onChange={e =>
            onChange({ groupBy: e.target.value as ScorecardGroupBy })
          }
          SelectProps={{ native: true }}
          className={classes.control}
          margin="dense"
        >
          {SCORECARD_GROUP_BYS.map(g => (
            <option key={g} value={g}>
              {t(`filters.groupByOptions.${g}`)}
            </option>
          ))}
        </TextField>
        <TextField
          select
          id="scorecards-interval"
          label={t('filters.interval')}
          value={filters.interval}
          onChange={e =>
            onChange({ interval: e.target.value as ScorecardInterval })
          }
          SelectProps={{ native: true }}
          className={classes.control}
          margin="dense"
        >
          {SCORECARD_INTERVALS.map(i => (
            <option key={i} value={i}>
              {t(`filters.intervals.${i}`)}
            </option>
          ))}
        </TextField>
        <TextField
          id="scorecards-from"
          type="date"
          label={t('filters.from')}
          value={filters.from}
          onChange={e =>
            isDay(e.target.value) && onChange({ from: e.target.value })
          }
          InputLabelProps={{ shrink: true }}
          inputProps={{ max: filters.to }}
          className={classes.control}
          margin="dense"
        />
        <TextField
          id="scorecards-to"
          type="date"
          label={t('filters.to')}
          value={filters.to}
          onChange={e =>
            isDay(e.target.value) && onChange({ to: e.target.value })
          }
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: filters.from }}
          className={classes.control}
          margin="dense"
        />
        <FormControl component="fieldset" margin="dense">
          <FormLabel component="legend">{t('filters.severity')}</FormLabel>
          <FormGroup row>
            {SEVERITIES.map(severity => (
              <FormControlLabel
                key={severity}
                label={severity}
                control={
                  <Checkbox
                    size="small"
                    checked={filters.severity.includes(severity)}
                    onChange={e => toggleSeverity(severity, e.target.checked)}
                  />
                }
              />
            ))}
          </FormGroup>
        </FormControl>
      </div>
      <div className={classes.controls}>
        <CommitTextField
          id="scorecards-owner"
          label={t('filters.ownerRef')}
          helperText={t('filters.ownerRefHelp')}
          value={filters.ownerRef}
          onCommit={ownerRef => onChange({ ownerRef })}
        />
        <CommitTextField
          id="scorecards-system"
          label={t('filters.systemRef')}
          helperText={t('filters.systemRefHelp')}
          value={filters.systemRef}
          onCommit={systemRef => onChange({ systemRef })}
        />
        <CommitTextField
          id="scorecards-entity"
          label={t('filters.entityRef')}
          helperText={t('filters.entityRefHelp')}
          value={filters.entityRef}
          onCommit={entityRef => onChange({ entityRef })}
        />
        <FormControlLabel
          label={t('filters.includeDependencies')}
          disabled={!filters.entityRef}
          control={
            <Checkbox
              checked={filters.includeDependencies}
              onChange={e =>
                onChange({ includeDependencies: e.target.checked })
              }
            />
          }
        />
      </div>
      <Typography variant="caption" color="textSecondary">
        {t('filters.textHint')}
      </Typography>
    </div>
  );
}
