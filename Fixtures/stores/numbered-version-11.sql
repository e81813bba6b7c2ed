-- A test store made by minid before migrations were recorded by name, at schema version 11 (PRAGMA
-- user_version only, single sign-on sessions and second factors included): minid init, testuser create
-- --count 2, service add with a back-channel logout URI, totp enroll and login start for the first user,
-- and a TestID login through minid serve for the second (one session, one grant). Read by
-- StoreMigrationTests.
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
INSERT INTO store_info VALUES('created_at','1795967755');
CREATE TABLE store_secret (
  name TEXT PRIMARY KEY NOT NULL,
  value BLOB NOT NULL
) STRICT;
INSERT INTO store_secret VALUES('pseudonym_key',X'6cc511f6718319f8157b589ee9cbc9d00e030b234742a075865e7fd6d3be934e');
INSERT INTO store_secret VALUES('code_key',X'78b139093c98c1f71b7eecf8b626087214304bf87638e8520627c4d898fa276d');
INSERT INTO store_secret VALUES('subject_key',X'2462932ee9aa587c8574edcdd575fb444a76b372c05205412c1489cc62839ba5');
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
INSERT INTO account VALUES(1,'29839693433','f0o4h8nmw97EzYCppDX50nZNwaR6x3VvmnJ5vXkIl1E','tenor','+4799999999','testuser-93433-1@minid.test','Testveien 1, 0000 Testby','active',NULL,'$scrypt$ln=10,r=8,p=1$/m6SC3842E1RVCi2wQyjIA$lvRokqnyfnQgVWRz/kUJjJaWTHTL1Ze9NPmZt42gZA0',0,NULL,1795967755,1795967756,1795967755);
INSERT INTO account VALUES(2,'12849693318','9032e4ntvNtfofQtcZGmDWIRDYgdOvRWPsqA2-apPWk','tenor','+4799999999','testuser-93318-2@minid.test','Testveien 1, 0000 Testby','active',NULL,'$scrypt$ln=10,r=8,p=1$Nsnh+5jcexESfYpIDFn8VQ$1TQMxJd3nTDc8EWGENef3nXHc+9O9BDsFT3OtRoItj0',0,NULL,1795967755,1795967755,1795967755);
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
INSERT INTO outbox VALUES(1,1,'sms','+4799999999','MinID engangskode',replace('MinID-engangskode: 12981. Gjelder i 5 minutter for innlogging til kodegenerator for MinID. Del den ikke med andre.\n','\n',char(10)),1795967756,NULL,NULL,NULL);
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
INSERT INTO audit VALUES(1,1795967755,'admin:root','store.init',NULL,NULL,'ok','environment test, issuer https://minid.test',X'0000000000000000000000000000000000000000000000000000000000000000',X'56119d56c7a13431549b51f794ecfa8692e50fd20f67656e98b3d7fbc91b6042',NULL);
INSERT INTO audit VALUES(2,1795967755,'admin:root','settings.change',NULL,NULL,'ok','environment: (none) → test; issuer: (none) → https://minid.test; letter_validity_days: (none) → 60; reset_letter_validity_days: (none) → 10; lockout_threshold: (none) → 5; lockout_minutes: (none) → 60; lockout_periods_before_block: (none) → 10; scrypt: (none) → ln=10,r=8,p=1; created_at: (none) → 1795967755; settings sha256 bE68X9WCWyvlkrWJLAV2iYveJThRAxKt3H5GDLnHuMI',X'56119d56c7a13431549b51f794ecfa8692e50fd20f67656e98b3d7fbc91b6042',X'83e046e296c8c5136a5f38305f6279b41959d5cc3265205a84e5e5f1e38a4fd7',NULL);
INSERT INTO audit VALUES(3,1795967755,'admin:root','key.add',NULL,NULL,'ok','qRR3JxqunSSKQ1ToMK-WuJEYdXW3_17AkLOnrNpptbY: (none) → published; RS256; keys sha256 z3d9pX-eMpScyWENn3mI9nEfCQpBezxjBOWM5CSaXrQ',X'83e046e296c8c5136a5f38305f6279b41959d5cc3265205a84e5e5f1e38a4fd7',X'4d3eae50089f1633ffcedcb38eb56a6063960834c2061c22aae9257ae30ae032',NULL);
INSERT INTO audit VALUES(4,1795967755,'admin:root','key.activate',NULL,NULL,'ok','qRR3JxqunSSKQ1ToMK-WuJEYdXW3_17AkLOnrNpptbY: published → active; keys sha256 4fNxUiWpU8fmQGKso_GgNe2PxA9hgb4NBqmcmQy9f0Q',X'4d3eae50089f1633ffcedcb38eb56a6063960834c2061c22aae9257ae30ae032',X'9b40b2debdbea07fc756cea06804bd2592ff3565866aca7ed88ef406751b0aba',NULL);
INSERT INTO audit VALUES(5,1795967755,'admin:root','testuser.create','f0o4h8nmw97EzYCppDX50nZNwaR6x3VvmnJ5vXkIl1E',NULL,'ok','kind tenor; state active',X'9b40b2debdbea07fc756cea06804bd2592ff3565866aca7ed88ef406751b0aba',X'ebebfb4ae8cc80c87515590a0e3d250eb7b4d883da508fbdfa5d0f622d859228',1);
INSERT INTO audit VALUES(6,1795967755,'admin:root','testuser.create','9032e4ntvNtfofQtcZGmDWIRDYgdOvRWPsqA2-apPWk',NULL,'ok','kind tenor; state active',X'ebebfb4ae8cc80c87515590a0e3d250eb7b4d883da508fbdfa5d0f622d859228',X'c384894a98841846d52deed313c8ec16e38af2ff87b4da2c16bdefac36942a70',2);
INSERT INTO audit VALUES(7,1795967755,'admin:root','service.add',NULL,NULL,'ok','app idporten-loa-substantial',X'c384894a98841846d52deed313c8ec16e38af2ff87b4da2c16bdefac36942a70',X'36ef67a1250f3c51e697557431021e824341efcc5f2cc23e6b2e40edb3d44054',NULL);
INSERT INTO audit VALUES(8,1795967755,'admin:root','service.register',NULL,NULL,'ok','app client_secret_basic; 1 redirect URIs; pkce required; new secret',X'36ef67a1250f3c51e697557431021e824341efcc5f2cc23e6b2e40edb3d44054',X'a89e32b9542c96831d6f150930d86b3f5b6eabee751535e6a31de121a766c771',NULL);
INSERT INTO audit VALUES(9,1795967756,'person','totp.enroll','f0o4h8nmw97EzYCppDX50nZNwaR6x3VvmnJ5vXkIl1E',NULL,'ok','password ok; sms code sent; client #totp-enroll',X'a89e32b9542c96831d6f150930d86b3f5b6eabee751535e6a31de121a766c771',X'bbc8ead379e09bd12f11ec4d8760c2ff14b1792216a6b87f67d9d99650525c32',1);
INSERT INTO audit VALUES(10,1795967756,'person','totp.enroll','f0o4h8nmw97EzYCppDX50nZNwaR6x3VvmnJ5vXkIl1E',NULL,'ok','code generator enrolled',X'bbc8ead379e09bd12f11ec4d8760c2ff14b1792216a6b87f67d9d99650525c32',X'964f34dd6c9dd3b6b026b5bc3f2fe2a74edd8914c6408d218bd89c69362cde48',1);
INSERT INTO audit VALUES(11,1795967756,'person','login.start','f0o4h8nmw97EzYCppDX50nZNwaR6x3VvmnJ5vXkIl1E',NULL,'ok','password ok; waiting for the code generator; client app',X'964f34dd6c9dd3b6b026b5bc3f2fe2a74edd8914c6408d218bd89c69362cde48',X'fe940d570fbdc9db9129da9f9e3a48c658e8bb8419349145900437370f056932',1);
INSERT INTO audit VALUES(12,1795967763,'person','session.start','9032e4ntvNtfofQtcZGmDWIRDYgdOvRWPsqA2-apPWk',NULL,'ok','session Aptclspt; TestID; idporten-loa-substantial; idle 30 min, at most 120 min',X'fe940d570fbdc9db9129da9f9e3a48c658e8bb8419349145900437370f056932',X'983b1598f043c6a1a42c71ac887a80745dd94ab1cf6aea0cc05e2269ddb68269',2);
INSERT INTO audit VALUES(13,1795967763,'person','oidc.authorize','9032e4ntvNtfofQtcZGmDWIRDYgdOvRWPsqA2-apPWk',NULL,'ok','code for app; TestID; idporten-loa-substantial',X'983b1598f043c6a1a42c71ac887a80745dd94ab1cf6aea0cc05e2269ddb68269',X'ae10014fd6284f0832d526ca1e2fd5b6edd677b7910a14ee6b692826ae56585f',2);
CREATE TABLE service (
  client_id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('idporten-loa-substantial', 'idporten-loa-high')),
  created_at INTEGER NOT NULL
) STRICT;
INSERT INTO service VALUES('app','App','idporten-loa-substantial',1795967755);
CREATE TABLE signing_key (
  kid TEXT PRIMARY KEY NOT NULL,
  alg TEXT NOT NULL CHECK (alg IN ('RS256', 'ES256')),
  private_der BLOB NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  retired_at INTEGER,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
, activates_at INTEGER) STRICT;
INSERT INTO signing_key VALUES('qRR3JxqunSSKQ1ToMK-WuJEYdXW3_17AkLOnrNpptbY','RS256',X'308206e50201000282018100a5555355a180247873ad0e3a032c99abfa33341230b214cb2a450eefba3605e4588718dec817a247806f7e4507eed718ac76150339915b685bf463a15f53bd1158428dc7527cb75246ca6bcb170a7320450dee83c687a0400b40cd625327288fd2116d60424d64ec73c138ede217b3441833db179268b24f3dc12dd91917a8e6cb0689c44c5e40bc5fa4b90f28b6f65586fa72f6f0e99192c695beff5c8d9f849ecb160bd45477804d4c9f78fd148f480b568184910783be85f030e38598a31d8fc65605d56425fafe0e5a542a3261ad0b595abdabecdb1a2ae56bba29d9c418a739252b902a4ae83ba9dd0b80a13b101a4952539031bd045a19e5e32bf20f1cf83904e6a12b2ae4fa45732a61bb0f698bded38cf47e6369f6b7ce5fa9437d5d67b37cb4661ec2e858f356f63e4ef21f56495d3c8d9e7e38297b963ddf0b275e7e3f3585cd2fbc4c2ed3a180cbd5395e02d91f35ad57589b2318c9c3dfd69998f5f73642dcebae11dbde14f3b30a910d92be8d03e6e3ac8255c75ca3811294bb020301000102820180026b5837d590297875c0df876bca784932f512dafd496dd27740e17212987dc794a00d761d19736f766aab3f59595e5e670fa7490fcb97b9d436a44a95398577be81e2cf3adec653f6e339669464bbc08a22250e5a965b7af46f335230034fada3164c326f65f087213e7f95c38c333c58da51676be60a4dec8a6a205624a97d0f157e6897f17d2304874589fa3f8b253f3f64f5461b34dd1ff8cafdb39e02ea8ee44be34a6d1dfe8ba306665fd5b02f0eb36a5bc53f85e700d0bdf6665b106ff545cb2b32a3ac059a88caf3abc1c57b0ebc5f0d3f3b72f94c04ce688ac556ca47c9935a2c8b1a59f64a28189d63070e6306d75587edd27dfd1f365520c5d68a4a0d9c582dbec4df8766d9d03623a2a13c6dbbf45ef5fe74a64d7c1d9c3c45cba5c173b1ca1e5fce7750047c190e398ee28277487a6174464fc9951758945eac7a9ab5e9496def051fa72dfe7593b296856f2baf902f925c4f2dd923afe0ea479b1f44d34109864fba079c82b844565dfd72bfd22c83331d3e53b8741e266e510281c100d9b35a0ce6fd78f64dc12015583d5135de0f6b7815fc6e3459a927b22d0339d4d63f285f22cefca4f5f3f5730904359f36e40eb9b066a64b3af0fdc98cb0c1b6b74b5d677c603455c1d4a19446fe1c9ec653f8ebfe4cd5a8f18170e8b26e8c8f974b2ba956b2162ea346076f41a67e7da4e61c69f106a8f034ec9a6cfae5c5c9eee6022afece0ced7ed1df5445dd08a3b13ba4c1609898f3057638089a6221b9ebd8dadbb88c91057f0f7cec84128f658081725d939b57b3d9ff5bcb76c081730281c100c26b7dfa0cde173051b289677936ab56d19cbe85d7f4a4391b26cbd025fab1dfd32687ad38f6296834dc8237b44e277fd0a6090a74632284e7508f6233f3ce0865cb1cbdda0fefce69b95ec891d61a55913aab15a39c386d43a43c123b77c4c786f89d0ed8ec8fabcbf8a4a6e0469609c884ad379b46c620b2a6c62de037bb94c0aec091b4b22eafed0e662ca34aa1da9cf9cf2595da191d6d68d2fd780382249ad60771529caf44547104da65690592c3d396ccad24a90af65189d468ac2d990281c1008900388c641561b9472761646d5a713000261e10bd6d55813667a0669db32902cb2d85df910d47ab1c6941aefa1e9f0c2a440d0c4879e0eef911cdf4b7c848b00edbabd5434d5bc2183012db386e145ecb1aef4cbc8567f460bf7fe9c0d897368a14b14e6913bba7eff2531d6de8343427c0f462ab5ef093f20a70086340945f472b9273b254c387f646675026833a3ba17e92696bbbbc8d3b83b131a0ce5ec11d2e24551fe7be20025d21d5ca2bcff8258dd10618ad2add313465753eaf59070281c1009ffbe651624f4b53a696bcfcd9c103e3505fa463ed1e5218efdfcfed7ba33cc5cb323489758b12edbe3a0a299e84857a670e89f80168265aa92220ab15c7352eb1dd1ecc97696fd3322aa8f5711476dd1cc1e350ce2e5a3c8761d950c380bdfbd6743481a83d99c82bf3724223e1d1cb4126f487028e8db11071ae38c7fdf4ace695a6beffab7441ae579ffa717093999a7cf259a263333184fbb24b837b979759966fcf6fc4a1711fef54a806b512320054d80d9b18c4c5d185ad5e8db7c9590281c100cfe6ac106c7204169e9bc1f18c36d9e2bc83b845a47a1905cac4b5e0eeeafab899773c773cdb8281ecc5215055df938cc14ee04336a2c1c65d6ee77808cfc077fb4100fdfb7df97e9bee681710b61872f0a25da42b8c22bb091d31ae13d08db3f732476a8e0a53e2b14cc229134c80e65f769c17b1ef30be8f4f458bd0c95cfd24cc0be3b8523804d09ad9a91810b59638a3a28a6680c414631c5988b72877fdb7be99d4a7e0a2603e95ff060c235f6cd0f1bead8c0ce0222aad211585c21c2d','{"alg":"RS256","e":"AQAB","kid":"qRR3JxqunSSKQ1ToMK-WuJEYdXW3_17AkLOnrNpptbY","kty":"RSA","n":"pVVTVaGAJHhzrQ46AyyZq_ozNBIwshTLKkUO77o2BeRYhxjeyBeiR4BvfkUH7tcYrHYVAzmRW2hb9GOhX1O9EVhCjcdSfLdSRspryxcKcyBFDe6DxoegQAtAzWJTJyiP0hFtYEJNZOxzwTjt4hezRBgz2xeSaLJPPcEt2RkXqObLBonETF5AvF-kuQ8otvZVhvpy9vDpkZLGlb7_XI2fhJ7LFgvUVHeATUyfeP0Uj0gLVoGEkQeDvoXwMOOFmKMdj8ZWBdVkJfr-DlpUKjJhrQtZWr2r7NsaKuVruinZxBinOSUrkCpK6Dup3QuAoTsQGklSU5AxvQRaGeXjK_IPHPg5BOahKyrk-kVzKmG7D2mL3tOM9H5jafa3zl-pQ31dZ7N8tGYewuhY81b2Pk7yH1ZJXTyNnn44KXuWPd8LJ15-PzWFzS-8TC7ToYDL1TleAtkfNa1XWJsjGMnD39aZmPX3NkLc664R294U87MKkQ2Svo0D5uOsglXHXKOBEpS7","use":"sig"}',1795967755,NULL,1,NULL);
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
INSERT INTO login_attempt VALUES('Yv7eN0MVWlLKVl8fJJ6e7Q',1,'#totp-enroll',X'017f4e94c1301da4597ffcd7e25286af41cfafb289ef6dac8d7059fdbc819818',1795967756,1795968056,1795967756,1);
INSERT INTO login_attempt VALUES('POzi91GOb96TOU9OLGi5zw',1,'app',X'e96c1a846ec1e44d767529802f037b1bd959d4dd2654ce6af4f2cbd423982979',1795967756,1795968056,NULL,NULL);
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
, frontchannel_logout_uri TEXT, backchannel_logout_uri TEXT) STRICT;
INSERT INTO client VALUES('app','["http:\/\/localhost:3000\/callback"]','[]','client_secret_basic',X'5f672a27b703254937f84b79aea48a27ab21e5651d35c28d69b401e9879e5654',NULL,1,'openid profile',120,600,7200,NULL,'http://localhost:3000/logout/back');
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
, session_id TEXT) STRICT;
INSERT INTO oauth_grant VALUES('b3dMCOIqUUJ7GgGoOB2tDA','app','12849693318',2,'openid','idporten-loa-substantial','TestID',1795967763,'nb',1795967763,1795974963,NULL,'AptclsptbfDBYur1F1fEMg');
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
INSERT INTO authorization_code VALUES(X'be9680e484904fb81a619a8d155740d27c1d69f3aeb746d6f3b3122334358d3f','b3dMCOIqUUJ7GgGoOB2tDA','http://localhost:3000/callback','E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM','n1',1795967763,1795967823,NULL);
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
CREATE TABLE sso_session (
  id TEXT PRIMARY KEY NOT NULL,
  cookie_hash BLOB NOT NULL UNIQUE,
  pid TEXT NOT NULL,
  account_id INTEGER REFERENCES account (id),
  acr TEXT NOT NULL,
  amr TEXT NOT NULL,
  auth_time INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  idle_seconds INTEGER NOT NULL CHECK (idle_seconds > 0),
  expires_at INTEGER NOT NULL,
  ended_at INTEGER,
  end_reason TEXT
) STRICT;
INSERT INTO sso_session VALUES('AptclsptbfDBYur1F1fEMg',X'b5385dc9f422335007dc8e150089c3b1ce7cfbd985f0e9417f1b00941e2664ec','12849693318',2,'idporten-loa-substantial','TestID',1795967763,1795967763,1795967763,1800,1795974963,NULL,NULL);
CREATE TABLE app_device (
  account_id INTEGER PRIMARY KEY REFERENCES account (id),
  device_id TEXT NOT NULL UNIQUE,
  public_jwk TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL,
  last_used_at INTEGER
) STRICT;
CREATE TABLE totp_credential (
  account_id INTEGER PRIMARY KEY REFERENCES account (id),
  sealed_secret BLOB NOT NULL,
  enrolled_at INTEGER NOT NULL,
  last_step INTEGER,
  last_used_at INTEGER
) STRICT;
INSERT INTO totp_credential VALUES(1,X'b5a8dc060596eb8f2faf15bfae1b7fdb9a64cb760dddf10d706ddcfd1292d6f6d49d1a70933866e7783de0a90dcd8b08',1795967756,NULL,NULL);
CREATE TABLE login_factor (
  attempt_id TEXT PRIMARY KEY NOT NULL REFERENCES login_attempt (id),
  method TEXT NOT NULL CHECK (method IN ('app', 'totp')),
  nonce TEXT,
  service_name TEXT,
  approval_expires_at INTEGER,
  decision TEXT CHECK (decision IN ('approve', 'reject')),
  decided_at INTEGER,
  sms_fallback_at INTEGER
) STRICT;
INSERT INTO login_factor VALUES('POzi91GOb96TOU9OLGi5zw','totp',NULL,NULL,NULL,NULL,NULL,NULL);
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
CREATE INDEX sso_session_pid ON sso_session (pid);
CREATE INDEX sso_session_expires ON sso_session (expires_at);
CREATE INDEX oauth_grant_session ON oauth_grant (session_id) WHERE session_id IS NOT NULL;
COMMIT;
PRAGMA user_version = 11;
