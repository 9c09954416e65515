import { useId, useState, type FormEvent } from 'react';
import { adminApi } from '../../api/endpoints';
import type { Group, User } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { Trans } from '../../i18n/Trans';

function Members({ group, users }: { group: Group; users: User[] }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [chosen, setChosen] = useState<Set<string>>(new Set(group.member_ids ?? []));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toggle = (id: string) => {
    setSaved(false);
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  };
  const save = async () => {
    setError(null);
    try {
      await adminApi.setMembers(api, group.id, [...chosen]);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <fieldset>
      <legend>
        <Trans k="admin.members" values={{ name: <bdi>{group.name}</bdi> }} />
      </legend>
      <ul className="check-list">
        {users.map((u) => (
          <li key={u.id}>
            <label>
              <input type="checkbox" checked={chosen.has(u.id)} onChange={() => toggle(u.id)} /> <bdi>{u.name || u.email}</bdi>
            </label>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void save()}>
        {t('admin.saveMembers')}
      </button>
      {saved && <span role="status"> {t('common.saved')}</span>}
      <ErrorText error={error} />
    </fieldset>
  );
}

export function GroupsPanel({ groups, users, onChanged }: { groups: Group[]; users: User[]; onChanged(): void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await adminApi.createGroup(api, name);
      setName('');
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="groups-heading">
      <h2 id="groups-heading">{t('admin.groups')}</h2>
      {groups.map((g) => (
        <Members key={g.id} group={g} users={users} />
      ))}
      <form className="row" onSubmit={submit}>
        <div className="field">
          <label htmlFor={id}>{t('admin.groupName')}</label>
          <input id={id} required dir="auto" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="primary">
          {t('admin.addGroup')}
        </button>
      </form>
      <ErrorText error={error} />
    </section>
  );
}
