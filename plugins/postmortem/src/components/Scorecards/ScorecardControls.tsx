import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import {
  SCORECARD_GROUP_BYS,
  SCORECARD_INTERVALS,
  ScorecardGroupBy,
  ScorecardInterval,
  SEVERITIES,
} from '@postmortems/plugin-postmortem-common';
import {
  CatalogEntityPicker,
  CatalogPickerTexts,
} from '../shared/CatalogEntityPicker';
import { ScorecardFilters } from './filters';
import { useScorecardStyles } from './styles';
import { useScorecardsT } from './translation';

/** Whether a date input holds a whole, plausible day (not one half typed). */
const isDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && value >= '1970-01-01';

/** A text field that applies its value on Enter or when left. */
/** The controls of the scorecard page; every change applies at once. */
export function ScorecardControls(props: {
  filters: ScorecardFilters;
  onChange: (patch: Partial<ScorecardFilters>) => void;
}) {
  const t = useScorecardsT();
  const pickerTexts = (
    filter: 'ownerRef' | 'systemRef' | 'entityRef',
  ): CatalogPickerTexts => ({
    label: t(`filters.${filter}`),
    help: t(`filters.${filter}Help`),
    open: t('filters.pickerOpen'),
    close: t('filters.pickerClose'),
    clear: t('filters.pickerClear'),
    loading: t('filters.pickerLoading'),
    noOptions: t('filters.pickerNoOptions'),
    error: message => t('filters.pickerError', { message }),
  });
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
        <div className={classes.textControl}>
          <CatalogEntityPicker
            id="scorecards-owner"
            kinds={['Group']}
            value={filters.ownerRef}
            onChange={ownerRef => onChange({ ownerRef })}
            texts={pickerTexts('ownerRef')}
          />
        </div>
        <div className={classes.textControl}>
          <CatalogEntityPicker
            id="scorecards-system"
            kinds={['System']}
            value={filters.systemRef}
            onChange={systemRef => onChange({ systemRef })}
            texts={pickerTexts('systemRef')}
          />
        </div>
        <div className={classes.textControl}>
          <CatalogEntityPicker
            id="scorecards-entity"
            kinds={['Component', 'Resource']}
            value={filters.entityRef}
            onChange={entityRef => onChange({ entityRef })}
            texts={pickerTexts('entityRef')}
          />
        </div>
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
    </div>
  );
}
