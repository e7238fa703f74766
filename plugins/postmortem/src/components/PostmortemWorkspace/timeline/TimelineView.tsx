import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import StarIcon from '@material-ui/icons/Star';
import {
  Postmortem,
  TIMELINE_EVENT_KINDS,
  TimelineEvent,
  TimelineEventKind,
} from '@postmortems/plugin-postmortem-common';
import { useCallback, useState } from 'react';
import { postmortemApiRef } from '../../../api/PostmortemApi';
import { formatDateTime, usePostmortemT } from '../../shared/format';
import { EmptyText } from '../../shared/states';
import { ListAndFormPanel, RecordForm } from '../ListAndFormPanel';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  event: {
    borderLeft: `4px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(1),
  },
  keyDecision: {
    borderLeft: `4px solid ${theme.palette.warning.main}`,
    backgroundColor: theme.palette.action.hover,
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  text: { whiteSpace: 'pre-wrap', marginTop: theme.spacing(0.5) },
}));

/** Events in time order; equal times keep the order the server gave. */
export function orderEvents(events: TimelineEvent[]): TimelineEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort(
      (a, b) =>
        new Date(a.event.occurredAt).getTime() -
          new Date(b.event.occurredAt).getTime() || a.index - b.index,
    )
    .map(({ event }) => event);
}

function AddEventForm(props: { postmortemId: string; onAdded: () => void }) {
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  const [time, setTime] = useState('');
  const [kind, setKind] = useState<TimelineEventKind>('observation');
  const [text, setText] = useState('');
  const [keyDecision, setKeyDecision] = useState(false);
  const { postmortemId, onAdded } = props;

  const add = useCallback(async () => {
    await api.addTimelineEvent(postmortemId, {
      occurredAt: new Date(time).toISOString(),
      kind,
      text: text.trim(),
      keyDecision,
    });
    setTime('');
    setText('');
    setKeyDecision(false);
  }, [api, postmortemId, time, kind, text, keyDecision]);

  const valid = !!time && !isNaN(new Date(time).getTime()) && !!text.trim();

  return (
    <RecordForm
      label={t('timeline.form.title')}
      valid={valid}
      add={add}
      onAdded={onAdded}
      submitLabel={t('timeline.form.submit')}
      errorText={e => t('timeline.form.error', { message: e.message })}
    >
      <Grid item xs={12} sm={6} md={4}>
        <TextField
          id="timeline-time"
          label={t('timeline.form.time')}
          type="datetime-local"
          value={time}
          onChange={e => setTime(e.target.value)}
          InputLabelProps={{ shrink: true }}
          fullWidth
          required
        />
      </Grid>
      <Grid item xs={12} sm={6} md={4}>
        <TextField
          id="timeline-kind"
          label={t('timeline.form.kind')}
          select
          SelectProps={{ native: true }}
          value={kind}
          onChange={e => setKind(e.target.value as TimelineEventKind)}
          fullWidth
        >
          {TIMELINE_EVENT_KINDS.map(k => (
            <option key={k} value={k}>
              {t(`timeline.kinds.${k}`)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} md={4}>
        <FormControlLabel
          control={
            <Checkbox
              checked={keyDecision}
              onChange={e => setKeyDecision(e.target.checked)}
              color="primary"
            />
          }
          label={t('timeline.form.keyDecision')}
        />
      </Grid>
      <Grid item xs={12}>
        <TextField
          id="timeline-text"
          label={t('timeline.form.text')}
          value={text}
          onChange={e => setText(e.target.value)}
          multiline
          minRows={2}
          fullWidth
          required
        />
      </Grid>
    </RecordForm>
  );
}

/** The incident's timeline, key decisions highlighted, with an add form. */
export function TimelineView(props: {
  postmortem: Postmortem;
  onChanged: () => void;
}) {
  const { postmortem, onChanged } = props;
  const classes = useStyles();
  const t = usePostmortemT();
  const api = useApi(postmortemApiRef);
  return (
    <ListAndFormPanel
      load={() => api.listTimelineEvents(postmortem.id)}
      deps={[api, postmortem.id]}
      errorTitle={message => t('timeline.error', { message })}
      formTitle={t('timeline.form.title')}
      form={onAdded => (
        <AddEventForm postmortemId={postmortem.id} onAdded={onAdded} />
      )}
      onChanged={onChanged}
    >
      {records => {
        const events = orderEvents(records);
        return (
          <Grid item xs={12}>
            <InfoCard title={t('timeline.title')}>
              {events.length === 0 && (
                <EmptyText>{t('timeline.empty')}</EmptyText>
              )}
              {events.length > 0 && (
                <ol className={classes.list}>
                  {events.map(event => (
                    <li
                      key={event.id}
                      className={`${classes.event} ${
                        event.keyDecision ? classes.keyDecision : ''
                      }`}
                    >
                      <div className={classes.meta}>
                        <Typography variant="body2" component="span">
                          <time dateTime={event.occurredAt}>
                            {formatDateTime(event.occurredAt)}
                          </time>
                        </Typography>
                        <Chip
                          size="small"
                          variant="outlined"
                          label={t(`timeline.kinds.${event.kind}`)}
                        />
                        {event.keyDecision && (
                          <Chip
                            size="small"
                            color="primary"
                            icon={<StarIcon />}
                            label={t('timeline.keyDecision')}
                          />
                        )}
                        {event.source && (
                          <Typography variant="caption" color="textSecondary">
                            {t('timeline.source', { source: event.source })}
                          </Typography>
                        )}
                        {event.author && (
                          <Typography variant="caption" color="textSecondary">
                            {t('timeline.author', { author: event.author })}
                          </Typography>
                        )}
                      </div>
                      <Typography variant="body1" className={classes.text}>
                        {event.text}
                      </Typography>
                    </li>
                  ))}
                </ol>
              )}
            </InfoCard>
          </Grid>
        );
      }}
    </ListAndFormPanel>
  );
}
