import { Content, WarningPanel } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { postmortemApiRef } from '../../api/PostmortemApi';
import { postmortemTranslationRef } from '../../translation';
import { PostmortemTable } from '../PostmortemTable';

/** The portal-wide list of postmortems at /postmortems. */
export function PostmortemsPage() {
  const api = useApi(postmortemApiRef);
  const { t } = useTranslationRef(postmortemTranslationRef);
  const { value, loading, error } = useAsync(
    () => api.listPostmortems({}),
    [api],
  );
  return (
    <Content>
      {error ? (
        <WarningPanel
          severity="error"
          title={t('list.error', { message: error.message })}
        />
      ) : (
        <PostmortemTable
          title={t('pageTitle')}
          postmortems={value?.items ?? []}
          loading={loading}
        />
      )}
    </Content>
  );
}
