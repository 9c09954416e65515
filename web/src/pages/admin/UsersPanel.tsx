import { useId, useState, type FormEvent } from 'react';
import { adminApi } from '../../api/endpoints';
import type { User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';

export function UsersPanel({ users, onChanged }: { users: User[]; onChanged(): void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form, setForm] = useState({ name: '', email: '', password: '', role: 'member' });
  const [error, setError] = useState<unknown>(null);
  const ids = { name: useId(), email: useId(), password: useId(), role: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await adminApi.createUser(api, form);
      setForm({ name: '', email: '', password: '', role: 'member' });
      onChanged();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="card" aria-labelledby="users-heading">
      <h2 id="users-heading">{t('admin.users')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('auth.email')}</th>
            <th scope="col">{t('admin.role')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <bdi>{u.name}</bdi>
              </td>
              <td dir="ltr">{u.email}</td>
              <td>{u.role === 'admin' ? t('admin.role.admin') : t('admin.role.member')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="row" onSubmit={submit}>
        <div className="field">
          <label htmlFor={ids.name}>{t('auth.name')}</label>
          <input id={ids.name} required dir="auto" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>{t('auth.email')}</label>
          <input id={ids.email} type="email" dir="ltr" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('auth.password')}</label>
          <input id={ids.password} type="password" autoComplete="new-password" minLength={8} required value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>{t('admin.role')}</label>
          <select id={ids.role} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            <option value="member">{t('admin.role.member')}</option>
            <option value="admin">{t('admin.role.admin')}</option>
          </select>
        </div>
        <button type="submit" className="primary">
          {t('admin.addUser')}
        </button>
      </form>
      <ErrorText error={error} />
    </section>
  );
}
