-- A test store made by minid before migrations were recorded by name (schema version 9, PRAGMA
-- user_version only): minid init, testuser create, service add. Rebuilt by StoreMigrationTests.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE store_info (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;
INSERT INTO store_info VALUES('environment','test');
INSERT INTO store_info VALUES('issuer','https://minid.test');
INSERT INTO store_info VALUES('letter_validity_days','60');
INSERT INTO store_info VALUES('reset_letter_validity_days','10');
INSERT INTO store_info VALUES('lockout_threshold','5');
INSERT INTO store_info VALUES('lockout_minutes','60');
INSERT INTO store_info VALUES('lockout_periods_before_block','10');
INSERT INTO store_info VALUES('scrypt','ln=10,r=8,p=1');
INSERT INTO store_info VALUES('created_at','1795965058');
CREATE TABLE store_secret (
  name TEXT PRIMARY KEY NOT NULL,
  value BLOB NOT NULL
) STRICT;
INSERT INTO store_secret VALUES('pseudonym_key',X'7071ea62511dc8d2666c2ba61fcd2775e4bbefc4db090220438ca41724892dcf');
INSERT INTO store_secret VALUES('code_key',X'ed9b19f8e2e841b20efb1e9421ea4d2457b925ebab2d78da1c5cdea2feb995b7');
INSERT INTO store_secret VALUES('subject_key',X'39900dc7a323b59ddec9fd9fbd80e69175ba815dd142c227f2c6a1a9f0d0dc6f');
CREATE TABLE account (
  id INTEGER PRIMARY KEY,
  pid TEXT UNIQUE,
  pseudonym TEXT NOT NULL,
  kind TEXT,
  phone TEXT,
  email TEXT,
  address TEXT,
  state TEXT NOT NULL CHECK (state IN ('letter_sent', 'active', 'blocked', 'closed')),
  block_reason TEXT,
  password_hash TEXT,
  failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  activated_at INTEGER
) STRICT;
INSERT INTO account VALUES(1,'08826493608','F5gTT1tpz26wfvh2jIbNFL81hQBmKYD4cPuJxvA43J4','tenor','+4799999999','testuser-93608-1@minid.test','Testveien 1, 0000 Testby','active',NULL,'$scrypt$ln=10,r=8,p=1$+j7Mv1YybLKiaLPe1tb0OQ$rAdH+unD5gS5P2+WynJjJ5T4jB5793aOpfhNWL9dhz8',0,NULL,1795965060,1795965060,1795965060);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES account (id),
  kind TEXT NOT NULL CHECK (kind IN ('letter', 'sms', 'email')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT,
  created_at INTEGER NOT NULL,
  drained_at INTEGER,
  drained_to TEXT
, letter_code TEXT) STRICT;
CREATE TABLE activation_letter (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account (id),
  code_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER,
  outbox_id INTEGER REFERENCES outbox (id)
) STRICT;
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  account TEXT,
  case_ref TEXT,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
, account_id INTEGER REFERENCES account (id)) STRICT;
INSERT INTO audit VALUES(1,1795965058,'admin:root','store.init',NULL,NULL,'ok','environment test, issuer https://minid.test',X'0000000000000000000000000000000000000000000000000000000000000000',X'978d3d775dab5d51a15469e23b8da828e551a3d4a9e2a12e51d9a5b4b2a84c29',NULL);
INSERT INTO audit VALUES(2,1795965058,'admin:root','settings.change',NULL,NULL,'ok','environment: (none) → test; issuer: (none) → https://minid.test; letter_validity_days: (none) → 60; reset_letter_validity_days: (none) → 10; lockout_threshold: (none) → 5; lockout_minutes: (none) → 60; lockout_periods_before_block: (none) → 10; scrypt: (none) → ln=10,r=8,p=1; created_at: (none) → 1795965058; settings sha256 yzp4u8lbWsAabe6d2q1QhxDfIJeFqb50pVBRU-9TOtc',X'978d3d775dab5d51a15469e23b8da828e551a3d4a9e2a12e51d9a5b4b2a84c29',X'8b84195356de64c1a88581c348e1964f20e583183756bb3e0ac30d740aa4c705',NULL);
INSERT INTO audit VALUES(3,1795965058,'admin:root','key.add',NULL,NULL,'ok','-KzXTBBC8YBmAVue2S724WqKEP6o1axPCSQNn6Y7f4s: (none) → published; RS256; keys sha256 315AwC4ABTl8wEMncLrGKaMUPcW8LW_I468Ezz-I22s',X'8b84195356de64c1a88581c348e1964f20e583183756bb3e0ac30d740aa4c705',X'e88a970e37d1d8aa177405fbbe0e2f92d3360df97434c1400c9d29d2f3a51310',NULL);
INSERT INTO audit VALUES(4,1795965058,'admin:root','key.activate',NULL,NULL,'ok','-KzXTBBC8YBmAVue2S724WqKEP6o1axPCSQNn6Y7f4s: published → active; keys sha256 CHAzg0iXfAeBZ7O0qUxzOmreh-v-LFOPoaLUfeR9HNQ',X'e88a970e37d1d8aa177405fbbe0e2f92d3360df97434c1400c9d29d2f3a51310',X'3d65ce1b1c3250c2e3f084c7148add0803fedd753a5c3d689afa93631841e3d3',NULL);
INSERT INTO audit VALUES(5,1795965060,'admin:root','testuser.create','F5gTT1tpz26wfvh2jIbNFL81hQBmKYD4cPuJxvA43J4',NULL,'ok','kind tenor; state active',X'3d65ce1b1c3250c2e3f084c7148add0803fedd753a5c3d689afa93631841e3d3',X'be6d98ac9aed1d92997b3acfb376c72df185fb8e0f178d14ac7449608d7e5632',1);
INSERT INTO audit VALUES(6,1795965060,'admin:root','service.add',NULL,NULL,'ok','app idporten-loa-substantial',X'be6d98ac9aed1d92997b3acfb376c72df185fb8e0f178d14ac7449608d7e5632',X'cbb1c84513b1a1d58f35e3379eb86ea1eb6c72d5bafaf4b65066de8f7a0a6f85',NULL);
CREATE TABLE service (
  client_id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('idporten-loa-substantial', 'idporten-loa-high')),
  created_at INTEGER NOT NULL
) STRICT;
INSERT INTO service VALUES('app','App','idporten-loa-substantial',1795965060);
CREATE TABLE signing_key (
  kid TEXT PRIMARY KEY NOT NULL,
  alg TEXT NOT NULL CHECK (alg IN ('RS256', 'ES256')),
  private_der BLOB NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  retired_at INTEGER,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
, activates_at INTEGER) STRICT;
INSERT INTO signing_key VALUES('-KzXTBBC8YBmAVue2S724WqKEP6o1axPCSQNn6Y7f4s','RS256',X'308206e30201000282018100ce045e2981f988e81c083f7f63fc3d81bd685189874300124999fb1d06375277952aa04fcf3bc4702432bea7eee1d45179adb5a23e8c198aad81f0472818e53c6db86b91a32aa85894dbaedaf00eea185c1f86734d750ad668514823a603c50dc6983fb7ccf50148e4ec8bc4ab06b8ff478351d650502836ee62e0bc6e6b1136ee9ae93e8070e61454d5000cd6d0de0cb29128b190bb955161d767ff3b8aec4f9a4153cbc151924f7cef7a9ea1d3f6eaa63b2c4be8c0b1a9f582a0d5fabc99e9885a6abaa1d98a53e0248d6c39f0226698af49740f0bea53ab2b0570ac22b6176f8e26ae26d323cb99d577defe071d0f28b1177ecccee7cff8050e1158b61aaeecec60bb29c6de11624da0a034bb365de3dd39e6a04aa6ad16f4beecbbdec3ace7bce5cd60a448cea61eb8201da5fce40b779daa711aa2ced7f5595a96e437339f5f255b79e29dcbd293062516eef7748794ac0bb0966cb7c5dd46f43ea8b505f5d3dcfaa554357865317606ddcb1817eb0d41e85a497fb091d7050ae9803f2d0203010001028201802e05384295ebf7daffae10ff2446ebb77067ddf4f68fef3366991cc8f04349eaf819984b93bba2673992d357a0ab763a08101787a968b2e8f156da258f0db6a17fd2074776773839677146775652429553f8dfd82068a195e1222d16f786168dfbfbb51a1a10edeb4a6613d7c82b9d863b0398f3a2a7b1400a12f0e86ed3007ab0a4ceaf1d527af6f637498654b33e33006da03540234318f59e007779a5d0217d101447ab04cd85ef9ef05980c5607e2cc9819ce85ea92151fc4ef0d5ccad25a05ff5d06ea6f45608de63b6deaa254eb6afc2d9f0ffc7bac95a7471d026298ef018b50c0c91ccc0f445f84f72bed9f2f655b0425b81b945858f77a0a0a01f724404ec5d193d00a0b960b724c2cd0e578c59611297ce2bd31c7e46ae44524368a42311fd8e9a61b2cbc61be5812e47ae0f5b13ceae2453ae95326e5c030c97297d90db2be5c2bc224831b68c2e9b82aa2b9b03abb04fe4fc33d23bf3b9d1e231dd67a09b9f2fda4382629dae88ffb030f94beef4fcc4dee7e45d08858fb3de810281c100fe9624547e34058451594a8fdeeba59442ef703b112b3d168bb7c3d7ad1d9f917054a979effed11176656b5ea8afc962e6e1ec036401e7b14abf41d91ba0038a580c11361c7780d20db83ab050672ffb1f012786ddf0b758cd09af4b1241a5e084832461c67106eb432ab95559dd2eab90efdcde65d7ac48decf9279b240156a5ae8a50b82ef2388768897401398ec59803995387b2dd28eae2b7c10362524bc2673b5254d0bacae77e0d5c87631765ae139a07b0dad8d22962b46590bb234ad0281c100cf293102a52e494eed47ad598fddc271586dff4e13102df60ae7507069945a3544674e515ba5515ab5814114a76f86632bcb99d6e51290f1b9dbdd6193b4d2f80477dfacc0ed36cecb887ac4b9057a123b1e61e99aa6eae3179916e34022417133e6110f9cbca2c86f8cad47cd37c3dbb3e132e37363d747d985d23cafbbc88871e1fba9bce4a45b8771531f8e3aa671e9261750c35306f82c36390a2f314452701f24f96d80fa49c846aba6b23aabf184184994706b7f68c56c9c85168504810281c1008334fe244da6a1f13fbbb521d0d1c1d4576aef7c81acb71f1782edfc09cc6aa09a3407e4403c23a3cc5118b5005b187f505ebf3440267b3274437dbc56f070e2abde0c40c70b0fe93208f0b64db9e0909bba0c95056d3a111a1b13acad0c08615de9f8a62b8fb4f12afca9e7c318ab24e0ddbe072095b6c5179002fd955051b92e81180e86bc98a38bf379801c9983b5dccfd087fb73f24076a3129d884a3c547bbcc66f22f61159198f569ea9cb7424024fa0d5ca86d7662bdec1b2c2c465410281c02afad3d545aa05c19f4f18b3153b20255e006c50a979d8df4c41d3998efe1d7d21b50135b5fae597194338da6d26a14e1ffefceaedd9dd429999f9234e7edcaa625af08829facd3d3853178d8b098cdb0d72ef4385378e52114a4cca573b0432d55ead397cfe52139db92516598871553acbc5401567a8799ab2bdfca3452584d183de2fc825f3c79da1306ac29a7e7ff1ac5a78021e4ebadc895f6a328259377555b0d92313f859a878a9124bb60a88702c8dcf83477a46a577343e147f02810281c0163a24965cb67f8c8a2cdc5e7c0229b13dc79696bfd83464499b7699c1b49ef306918785d8e0c5de32924c7ef8e4ff8c2ce78135bb6fd00a6701fb2bc4e9bbfb1781f6dfd4d9ce2e430aa0e99b01092c191ec53be549e1bcb8aca8932dc3c17e20dcae656b45ed709b380408e0b451e9ea8c6582d0dc29230b9df56633fd010133d3cbcfac24061aab7eaf76679acf1cd01b2bfd2c8de34e9ca9e66b597e6eecb9abfea16004be4ad92748acd4688756986c93db44db04b62fed9a9f62e77aad','{"alg":"RS256","e":"AQAB","kid":"-KzXTBBC8YBmAVue2S724WqKEP6o1axPCSQNn6Y7f4s","kty":"RSA","n":"zgReKYH5iOgcCD9_Y_w9gb1oUYmHQwASSZn7HQY3UneVKqBPzzvEcCQyvqfu4dRRea21oj6MGYqtgfBHKBjlPG24a5GjKqhYlNuu2vAO6hhcH4ZzTXUK1mhRSCOmA8UNxpg_t8z1AUjk7IvEqwa4_0eDUdZQUCg27mLgvG5rETbumuk-gHDmFFTVAAzW0N4MspEosZC7lVFh12f_O4rsT5pBU8vBUZJPfO96nqHT9uqmOyxL6MCxqfWCoNX6vJnpiFpquqHZilPgJI1sOfAiZpivSXQPC-pTqysFcKwithdvjiauJtMjy5nVd97-Bx0PKLEXfszO58_4BQ4RWLYaruzsYLspxt4RYk2goDS7Nl3j3TnmoEqmrRb0vuy73sOs57zlzWCkSM6mHrggHaX85At3napxGqLO1_VZWpbkNzOfXyVbeeKdy9KTBiUW7vd0h5SsC7CWbLfF3Ub0Pqi1BfXT3PqlVDV4ZTF2Bt3LGBfrDUHoWkl_sJHXBQrpgD8t","use":"sig"}',1795965058,NULL,1,NULL);
CREATE TABLE login_attempt (
  id TEXT PRIMARY KEY NOT NULL,
  account_id INTEGER NOT NULL REFERENCES account (id),
  client_id TEXT NOT NULL,
  code_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  outbox_id INTEGER REFERENCES outbox (id)
) STRICT;
CREATE TABLE recovery_attempt (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES account (id),
  sms_hash BLOB NOT NULL,
  email_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE TABLE account_case (
  account_id INTEGER NOT NULL REFERENCES account (id),
  case_ref TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, case_ref)
) STRICT, WITHOUT ROWID;
CREATE TABLE client (
  client_id TEXT PRIMARY KEY NOT NULL REFERENCES service (client_id) ON DELETE CASCADE,
  redirect_uris TEXT NOT NULL,
  post_logout_redirect_uris TEXT NOT NULL,
  auth_method TEXT NOT NULL
    CHECK (auth_method IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none')),
  secret_hash BLOB,
  jwks TEXT,
  pkce_required INTEGER NOT NULL CHECK (pkce_required IN (0, 1)),
  scopes TEXT NOT NULL,
  access_token_lifetime INTEGER NOT NULL,
  refresh_token_lifetime INTEGER NOT NULL,
  authorization_lifetime INTEGER NOT NULL
) STRICT;
CREATE TABLE oauth_grant (
  id TEXT PRIMARY KEY NOT NULL,
  client_id TEXT NOT NULL,
  pid TEXT NOT NULL,
  account_id INTEGER REFERENCES account (id),
  scope TEXT NOT NULL,
  acr TEXT NOT NULL,
  amr TEXT NOT NULL,
  auth_time INTEGER NOT NULL,
  locale TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE TABLE authorization_code (
  code_hash BLOB PRIMARY KEY NOT NULL,
  grant_id TEXT NOT NULL REFERENCES oauth_grant (id),
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT,
  nonce TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE TABLE refresh_token (
  token_hash BLOB PRIMARY KEY NOT NULL,
  grant_id TEXT NOT NULL REFERENCES oauth_grant (id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE TABLE authorization_request (
  id TEXT PRIMARY KEY NOT NULL,
  client_id TEXT NOT NULL,
  parameters TEXT NOT NULL,
  browser_hash BLOB,
  pushed INTEGER NOT NULL CHECK (pushed IN (0, 1)),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;
CREATE TABLE client_assertion (
  client_id TEXT NOT NULL,
  jti TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (client_id, jti)
) STRICT;
CREATE INDEX account_phone ON account (phone);
CREATE INDEX account_email ON account (email);
CREATE INDEX account_state ON account (state);
CREATE INDEX outbox_account ON outbox (account_id);
CREATE INDEX activation_letter_account ON activation_letter (account_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE UNIQUE INDEX signing_key_one_active ON signing_key (active) WHERE active = 1;
CREATE INDEX login_attempt_account ON login_attempt (account_id);
CREATE INDEX recovery_attempt_account ON recovery_attempt (account_id);
CREATE INDEX account_case_ref ON account_case (case_ref);
CREATE INDEX audit_account ON audit (account, seq) WHERE account_id IS NULL;
CREATE INDEX audit_account_id ON audit (account_id, seq) WHERE account_id IS NOT NULL;
CREATE INDEX account_closed ON account (pseudonym) WHERE state = 'closed';
CREATE INDEX oauth_grant_pid ON oauth_grant (pid);
CREATE INDEX authorization_code_grant ON authorization_code (grant_id);
CREATE INDEX refresh_token_grant ON refresh_token (grant_id);
CREATE INDEX client_assertion_expires ON client_assertion (expires_at);
COMMIT;
PRAGMA user_version = 9;
