// Files whose content is never sent, whatever it holds: env files, private keys, credential stores, state with secrets.

/** Exact basenames (lower case). */
const SECRET_NAMES = new Set([
  '.envrc',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  '.pgpass',
  '.my.cnf',
  '.htpasswd',
  '.dockercfg',
  '.vault-token',
  '.s3cfg',
  '.boto',
  'credentials.json',
  'kubeconfig',
  'secrets.yml',
  'secrets.yaml',
  'secrets.json',
  'secrets.toml',
  'secrets.env',
  'terraform.rc',
  '.terraformrc',
  'id_rsa',
  'id_dsa',
  'id_ecdsa',
  'id_ecdsa_sk',
  'id_ed25519',
  'id_ed25519_sk',
]);

/** Basename endings (lower case): key stores, private keys, Terraform state and variables. */
const SECRET_EXTENSIONS = [
  '.pem',
  '.key',
  '.p12',
  '.pfx',
  '.jks',
  '.keystore',
  '.ppk',
  '.keytab',
  '.kdbx',
  '.kubeconfig',
  '.tfstate',
  '.tfstate.backup',
  '.tfvars',
  '.env',
];

/** Basename patterns (lower case): downloaded cloud credentials. */
const SECRET_NAME_PATTERNS = [
  /^\.env\..+$/,
  /^service[-_]account.*\.json$/,
  /^client_secret.*\.json$/,
  /firebase-adminsdk.*\.json$/,
  /^authkey_.*\.p8$/,
];

/** Path endings (lower case, `/`-separated) for credential files with generic names. */
const SECRET_PATH_SUFFIXES = [
  '.aws/credentials',
  '.kube/config',
  '.docker/config.json',
  '.cargo/credentials',
  '.cargo/credentials.toml',
  '.gem/credentials',
  '.config/gh/hosts.yml',
];

/** Committed templates of secret files (`.env.example`) hold placeholders by convention. */
const TEMPLATE_MARKER = /(?:^|\.)(?:example|sample|template|tmpl|dist)(?:\.|$)/;

export function isSecretFile(path: string): boolean {
  const normalized = path.replace(/\\/g, '/').toLowerCase();
  const name = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (name === '' || TEMPLATE_MARKER.test(name)) return false;
  if (name === '.env' || SECRET_NAMES.has(name)) return true;
  if (SECRET_EXTENSIONS.some((extension) => name.endsWith(extension) && name.length > extension.length)) return true;
  if (SECRET_NAME_PATTERNS.some((pattern) => pattern.test(name))) return true;
  return SECRET_PATH_SUFFIXES.some((suffix) => normalized === suffix || normalized.endsWith(`/${suffix}`));
}
