import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** A catalog entity as the picker offers it. */
export interface EntityOption {
  /** The entity ref, as filters take it: group:default/sre. */
  ref: string;
  /** Its display name, title or name. */
  label: string;
}

const same = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

function toOption(entity: Entity): EntityOption {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return {
    ref: stringifyEntityRef(entity),
    label: profile.displayName || entity.metadata.title || entity.metadata.name,
  };
}

const useStyles = makeStyles(theme => ({
  // The main red fails WCAG AA contrast for small text on paper.
  error: { color: theme.palette.error.dark },
}));

// Typing matches the name and the ref alike.
const filterOptions = createFilterOptions<EntityOption>({
  stringify: option => `${option.label} ${option.ref}`,
});

/** What a picker says, in the reader's language. */
export interface CatalogPickerTexts {
  label: string;
  help: string;
  open: string;
  close: string;
  clear: string;
  loading: string;
  noOptions: string;
  error: (message: string) => string;
}

/**
 * A filter by a catalog entity: a combobox of the catalog's entities of the
 * given kinds. Typing narrows the list; arrow keys move through it, Enter
 * picks, Escape closes. A ref in the address that the catalog does not list
 * (any longer) stays selectable.
 */
export function CatalogEntityPicker(props: {
  id: string;
  kinds: string[];
  value: string;
  onChange: (entityRef: string) => void;
  texts: CatalogPickerTexts;
}) {
  const { id, kinds, value, onChange, texts } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const catalogApi = useApi(catalogApiRef);
  const kindKey = kinds.join(',');
  const entities = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: kindKey.split(',') },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(toOption)
      .sort(
        (a, b) => a.label.localeCompare(b.label) || a.ref.localeCompare(b.ref),
      );
  }, [catalogApi, kindKey]);

  const options = useMemo(() => {
    const known = entities.value ?? [];
    if (value && !known.some(o => same(o.ref, value))) {
      return [{ ref: value, label: value }, ...known];
    }
    return known;
  }, [entities.value, value]);
  const selected = value ? options.find(o => same(o.ref, value)) ?? null : null;

  return (
    <Autocomplete<EntityOption>
      id={id}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      // Material UI 4 puts the ARIA 1.1 combobox role on the wrapper, where
      // an open list lacks the aria-controls ARIA 1.2 requires. The input
      // takes the role instead (below), as in Material UI 5.
      role={undefined}
      aria-owns={undefined}
      aria-expanded={undefined}
      options={options}
      value={selected}
      loading={entities.loading}
      filterOptions={filterOptions}
      getOptionLabel={option => option.label}
      getOptionSelected={(option, current) => same(option.ref, current.ref)}
      renderOption={option => (
        <ListItemText
          primary={option.label}
          secondary={option.label === option.ref ? undefined : option.ref}
        />
      )}
      onChange={(_event, option) => onChange(option?.ref ?? '')}
      openText={texts.open}
      closeText={texts.close}
      clearText={texts.clear}
      loadingText={texts.loading}
      noOptionsText={texts.noOptions}
      renderInput={params => (
        <TextField
          {...params}
          inputProps={{
            ...params.inputProps,
            role: 'combobox',
            'aria-expanded': open,
          }}
          label={texts.label}
          helperText={
            entities.error ? texts.error(entities.error.message) : texts.help
          }
          FormHelperTextProps={{
            className: entities.error ? classes.error : undefined,
          }}
          fullWidth
        />
      )}
    />
  );
}
