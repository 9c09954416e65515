-- Folder permissions: a folder's own grants. Principals are 'user:<id>',
-- 'group:<id>' or 'everyone'; 'write' implies 'read' and 'manage' implies 'write'.
-- Sub-folders inherit: the effective permission is the highest over the folder and
-- its ancestors (computed by library::Permissions, not stored).
-- Conventions: times are BIGINT milliseconds since the epoch, ids TEXT.

CREATE TABLE folder_permissions (
  folder_id   TEXT NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
  principal   TEXT NOT NULL,
  permission  TEXT NOT NULL CHECK (permission IN ('read', 'write', 'manage')),
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (folder_id, principal)
);
CREATE INDEX folder_permissions_principal_idx ON folder_permissions (principal);
