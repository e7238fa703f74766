import { CatalogEntityPicker } from '../shared/CatalogEntityPicker';
import { usePostmortemT } from '../shared/format';

/** The owner-group filter of the list: the catalog's groups. */
export function OwnerGroupPicker(props: {
  id: string;
  value: string;
  onChange: (ownerRef: string) => void;
}) {
  const t = usePostmortemT();
  return (
    <CatalogEntityPicker
      {...props}
      kinds={['Group']}
      texts={{
        label: t('filters.owner'),
        help: t('filters.ownerHelp'),
        open: t('filters.ownerOpen'),
        close: t('filters.ownerClose'),
        clear: t('filters.ownerClear'),
        loading: t('filters.ownerLoading'),
        noOptions: t('filters.ownerNoOptions'),
        error: message => t('filters.ownerError', { message }),
      }}
    />
  );
}
