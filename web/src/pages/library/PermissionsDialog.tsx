// Edits a folder's own permission entries (PUT replaces them; children inherit).
import { useEffect, useId, useState } from 'react';
import { adminApi, libraryApi } from '../../api/endpoints';
import type { Folder, Group, Permission, PermissionEntry, User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { Trans } from '../../i18n/Trans';

const kPermissions: Permission[] = ['read', 'write', 'manage'];

export function PermissionsDialog({ folder, onClose }: { folder: Folder; onClose(): void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [entries, setEntries] = useState<PermissionEntry[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const [groups, setGroups] = useState<Group[]>([]);
  const [principal, setPrincipal] = useState('everyone');
  const [permission, setPermission] = useState<Permission>('read');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const ids = { who: useId(), perm: useId() };

  useEffect(() => {
    libraryApi.permissions(api, folder.id).then((r) => setEntries(r.entries ?? []), () => undefined);
    adminApi.users(api).then(setUsers, () => undefined);
    adminApi.groups(api).then(setGroups, () => undefined);
  }, [api, folder.id]);

  const label = (p: string): string => {
    if (p === 'everyone') return t('perm.everyone');
    const [kind, id] = [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)];
    if (kind === 'user') return t('perm.user', { name: users.find((u) => u.id === id)?.name ?? id });
    if (kind === 'group') return t('perm.group', { name: groups.find((g) => g.id === id)?.name ?? id });
    return p;
  };

  const add = () => {
    setSaved(false);
    setEntries((es) => [...es.filter((e) => e.principal !== principal), { principal, permission }]);
  };

  const save = async () => {
    setError(null);
    try {
      await libraryApi.setPermissions(api, folder.id, entries);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Dialog
      title={<Trans k="perm.title" values={{ name: <bdi>{folder.name}</bdi> }} />}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </>
      }
    >
      <p className="muted small">{t('perm.inherit')}</p>
      {entries.length === 0 ? (
        <p>{t('perm.none')}</p>
      ) : (
        <ul className="perm-list">
          {entries.map((e) => (
            <li key={e.principal}>
              <bdi>{label(e.principal)}</bdi>
              <span className="badge">{t(`perm.${e.permission}`)}</span>
              <button type="button" className="icon-button" aria-label={t('perm.remove', { name: label(e.principal) })} onClick={() => setEntries((es) => es.filter((x) => x.principal !== e.principal))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <div className="field">
          <label htmlFor={ids.who}>{t('perm.principal')}</label>
          <select id={ids.who} value={principal} onChange={(e) => setPrincipal(e.target.value)}>
            <option value="everyone">{t('perm.everyone')}</option>
            {groups.map((g) => (
              <option key={g.id} value={`group:${g.id}`}>
                {t('perm.group', { name: g.name })}
              </option>
            ))}
            {users.map((u) => (
              <option key={u.id} value={`user:${u.id}`}>
                {t('perm.user', { name: u.name || u.email })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.perm}>{t('perm.permission')}</label>
          <select id={ids.perm} value={permission} onChange={(e) => setPermission(e.target.value as Permission)}>
            {kPermissions.map((p) => (
              <option key={p} value={p}>
                {t(`perm.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={add}>
          {t('perm.add')}
        </button>
      </div>
      <ErrorText error={error} />
      {saved && <p role="status">{t('common.saved')}</p>}
    </Dialog>
  );
}
