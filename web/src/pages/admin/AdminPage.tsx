import { useCallback, useEffect, useState } from 'react';
import { adminApi } from '../../api/endpoints';
import type { Group, User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { GroupsPanel } from './GroupsPanel';
import { HealthPanel } from './HealthPanel';
import { FaqPanel, ReindexPanel, RegistrationPanel } from './SettingsPanels';
import { UsersPanel } from './UsersPanel';

export function AdminPage() {
  const { t } = useI18n();
  const { api, user } = useAuth();
  const [users, setUsers] = useState<User[]>([]);
  const [groups, setGroups] = useState<Group[]>([]);
  const [error, setError] = useState<unknown>(null);
  const isAdmin = user?.role === 'admin';

  useEffect(() => {
    document.title = `${t('admin.title')} · ${t('app.name')}`;
  }, [t]);

  const load = useCallback(() => {
    if (!isAdmin) return;
    adminApi.users(api).then(setUsers, setError);
    adminApi.groups(api).then(setGroups, setError);
  }, [api, isAdmin]);
  useEffect(load, [load]);

  if (!isAdmin) {
    return (
      <section className="page narrow">
        <h1>{t('admin.title')}</h1>
        <p>{t('admin.forbidden')}</p>
      </section>
    );
  }
  return (
    <div className="page admin">
      <h1>{t('admin.title')}</h1>
      <ErrorText error={error} />
      <div className="admin-grid">
        <HealthPanel />
        <RegistrationPanel />
        <UsersPanel users={users} onChanged={load} />
        <GroupsPanel groups={groups} users={users} onChanged={load} />
        <FaqPanel />
        <ReindexPanel />
      </div>
    </div>
  );
}
