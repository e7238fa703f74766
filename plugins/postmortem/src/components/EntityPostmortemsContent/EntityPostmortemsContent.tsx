import { WarningPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { postmortemTranslationRef } from '../../translation';
import { PostmortemTable } from '../PostmortemTable';

/** The "Postmortems" tab of an entity page. */
export function EntityPostmortemsContent() {
  const { entity } = useEntity();
  const api = useApi(postmortemApiRef);
  const { t } = useTranslationRef(postmortemTranslationRef);
  const [includeDependencies, setIncludeDependencies] = useState(false);
  const entityRef = stringifyEntityRef(entity);

  const { value, loading, error } = useAsync(
    () => api.listPostmortems({ entityRef, includeDependencies }),
    [api, entityRef, includeDependencies],
  );

  if (error) {
    return (
      <WarningPanel
        severity="error"
        title={t('list.error', { message: error.message })}
      />
    );
  }
  return (
    <>
      <FormControlLabel
        control={
          <Switch
            checked={includeDependencies}
            onChange={e => setIncludeDependencies(e.target.checked)}
            color="primary"
          />
        }
        label={t('entityTab.includeDependencies')}
      />
      <PostmortemTable
        title={t('entityTab.title')}
        postmortems={value?.items ?? []}
        loading={loading}
      />
    </>
  );
}
