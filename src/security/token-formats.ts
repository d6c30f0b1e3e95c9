// Token formats with a recognisable shape (a prefix, a fixed length, a checksum part), with the coverage of gitleaks' rule set.
//
// gitleaks (config/gitleaks.toml) is the scanner of record whose rules these follow: every rule of it that a token's
// own shape identifies is here; its rules that need a provider's name beside a value of some length are covered by
// the assignment rules in secret-patterns.ts (a secret-like name and a random-looking value), whatever the provider.
import { regexRule, type SecretRule } from './rule.js';
import { hasLetterAndDigit, isPlaceholderValue } from './secret-names.js';

const mixedCase = (value: string): boolean => /[a-z]/.test(value) && /[A-Z]/.test(value);
/** A Discord bot token starts with a user id (a snowflake: 17-20 digits) in base64. */
const startsWithSnowflake = (value: string): boolean =>
  /^\d{17,20}$/.test(Buffer.from(value.slice(0, value.indexOf('.')), 'base64').toString('latin1'));
/** A base64 blob that decodes to a PEM private key header. */
const encodesPrivateKey = (value: string): boolean =>
  /PRIVATE KEY/.test(Buffer.from(value.slice(0, 80), 'base64').toString('latin1'));

/**
 * A token starts at a word boundary, or right after a percent-escape or a string escape: `?redirect=…%3Dghp_…` in a
 * URL-encoded query, `\nghp_…` in a JSON string (a notebook's source, an escaped config), where no `\b` falls.
 */
const TOKEN_START = '(?:\\b|(?<=%[0-9A-Fa-f]{2}|\\\\[nrt]|\\\\u[0-9A-Fa-f]{4}))';
const tokenRule = (kind: string, hint: string, regex: RegExp, accept?: (secret: string) => boolean): SecretRule =>
  regexRule(kind, hint, new RegExp(regex.source.replace(/^\\b/, TOKEN_START), regex.flags), accept);

/** A token's shape filled with a mask (`ghp_xxxx…`, `sk_live_****`) or `EXAMPLE` is a placeholder in docs and templates. */
const withoutPlaceholders = (rule: SecretRule): SecretRule => ({
  ...rule,
  find: (line) => rule.find(line).filter((span) => !isPlaceholderValue(line.slice(span.start, span.end))),
});

/** Ordered: the most specific first, so a token inside a URL or an assignment is named by its provider. */
export const TOKEN_RULES: readonly SecretRule[] = [
  tokenRule(
    'aws-access-key-id',
    'a3t|akia|asia|abia|acca',
    /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/dg,
    (v) => !v.endsWith('EXAMPLE'),
  ),
  tokenRule(
    'aws-secret-access-key',
    'secret_?access_?key|aws_?secret',
    /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?\s*(?::=|=>|[:=])\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
  ),
  tokenRule(
    'github-token',
    'gh[pousr]_|github_pat_',
    /\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})\b/dg,
  ),
  tokenRule(
    'gitlab-token',
    'gl(?:pat|dt|rt|ptt|cbt|ffct|ft|imt|agent|oas|soat)-|gr1348941|_gitlab_session=',
    /\b(?:gl(?:pat|dt|rt|ptt|cbt|ffct|ft|imt|agent|oas|soat)-[\w-]{20,}|GR1348941[\w-]{20,})|_gitlab_session=(?<secret>[0-9a-z]{32})/dg,
  ),
  tokenRule(
    'slack-token',
    'xox[abeoprs]|xapp-',
    /\b(?:xox[abeoprs]-[A-Za-z0-9-]{10,}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{100,}|xapp-\d-[A-Za-z0-9]+-\d+-[a-z0-9]+)/dgi,
    (v) => /\d/.test(v), // every Slack token holds its team's or user's id; `xoxb-your-bot-token` none
  ),
  tokenRule(
    'slack-webhook',
    'hooks\\.slack\\.com',
    /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9_/+-]{20,})/dg,
  ),
  tokenRule(
    'discord-webhook',
    'discord(?:app)?\\.com\\/api\\/webhooks',
    /discord(?:app)?\.com\/api\/webhooks\/\d+\/(?<secret>[\w-]{40,})/dg,
  ),
  tokenRule('teams-webhook', 'webhook\\.office\\.com', /webhook\.office\.com\/webhookb2\/(?<secret>[^\s"'`<>]+)/dg),
  tokenRule(
    'stripe-key',
    '[rs]k_(?:live|test|prod)_|whsec_',
    /\b(?:[rs]k_(?:live|test|prod)_[A-Za-z0-9]{10,99}|whsec_[A-Za-z0-9]{32,})/dg,
  ),
  tokenRule('openrouter-key', 'sk-or-', /\bsk-or-v1-[a-f0-9]{64}\b/dg),
  tokenRule('anthropic-key', 'sk-ant-', /\bsk-ant-[A-Za-z0-9_-]{32,}/dg),
  tokenRule(
    'openai-key',
    'sk-',
    /\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}|[A-Za-z0-9]{32,})/dg,
    hasLetterAndDigit,
  ),
  tokenRule('google-api-key', 'aiza', /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg),
  tokenRule('google-oauth-secret', 'gocspx-', /\bGOCSPX-[A-Za-z0-9_-]{24,}/dg),
  tokenRule('npm-token', 'npm_', /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/dg),
  tokenRule('pypi-token', 'pypi-ag', /\bpypi-Ag[A-Za-z0-9_-]{50,}/dg),
  tokenRule('rubygems-token', 'rubygems_', /\brubygems_[a-f0-9]{48}\b/dg),
  tokenRule('sendgrid-key', 'sg\\.', /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/dg),
  tokenRule('sendinblue-key', 'xkeysib-', /\bxkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}\b/dg),
  tokenRule('mailgun-key', 'key-|pubkey-', /\b(?:pub)?key-[a-f0-9]{32}\b/dg),
  tokenRule('mailchimp-key', '-us\\d', /\b[a-f0-9]{32}-us\d{1,2}\b/dg),
  tokenRule('twilio-key', 'sk[0-9a-f]{32}', /\bSK[0-9a-fA-F]{32}\b/dg),
  // An auth token beside its account SID (`-u AC…:<token>`, two arguments, `sid, token`): the SID alone is an identifier.
  tokenRule('twilio-auth-token', 'ac[0-9a-f]{32}', /\bAC[0-9a-f]{32}\b["']?[\s:,=]+["']?(?<secret>[0-9a-f]{32})\b/dg),
  tokenRule(
    'discord-bot-token',
    '\\.[\\w-]{6}\\.',
    /\b[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,38}(?![A-Za-z\d_-])/dg,
    startsWithSnowflake,
  ),
  // Also in its API's URL, `api.telegram.org/bot<token>/`, where no word boundary falls before it.
  tokenRule('telegram-bot-token', '\\d:aa', /(?:\b|(?<=\/bot))\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/dg),
  tokenRule('huggingface-token', 'hf_|api_org_', /\b(?:hf|api_org)_[A-Za-z]{34}\b/dg, mixedCase),
  tokenRule('digitalocean-token', 'do[opr]_v1_', /\bdo[opr]_v1_[a-f0-9]{64}\b/dg),
  tokenRule('shopify-token', 'shp(?:at|ca|pa|ss)_', /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/dg),
  tokenRule('age-secret-key', 'age-secret-key-', /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/dg),
  tokenRule(
    'azure-key',
    'accountkey=|sharedaccesskey=',
    /(?:AccountKey|SharedAccessKey)=(?<secret>[A-Za-z0-9+/]{40,}={0,2})/dg,
  ),
  tokenRule(
    'azure-ad-client-secret',
    'q~',
    /(?:^|[\\'"`\s>=:(,)])(?<secret>[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?=$|[\\'"`\s<),])/dg,
  ),
  tokenRule(
    'onepassword-token',
    'a3-|ops_eyj',
    /\b(?:A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}|ops_eyJ[a-zA-Z0-9+/]{250,}={0,3})/dg,
  ),
  tokenRule('adobe-client-secret', 'p8e-', /\bp8e-[A-Za-z0-9]{32}\b/dg),
  tokenRule('alibaba-access-key-id', 'ltai', /\bLTAI[A-Za-z0-9]{20}\b/dg),
  tokenRule('artifactory-token', 'akcp|cmvmd', /\b(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})\b/dg),
  tokenRule('atlassian-token', 'atatt3', /\bATATT3[A-Za-z0-9_=-]{186}/dg),
  tokenRule('clickhouse-key', '4b1d', /\b4b1d[A-Za-z0-9]{38}\b/dg, mixedCase),
  tokenRule('clojars-token', 'clojars_', /\bCLOJARS_[A-Za-z0-9]{60}\b/dgi),
  tokenRule('cloudflare-origin-ca-key', 'v1\\.0-', /\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}\b/dg),
  tokenRule('databricks-token', 'dapi', /\bdapi[a-f0-9]{32}(?:-\d)?\b/dg),
  tokenRule(
    'doppler-token',
    'dp\\.(?:pt|st|sa|ct|scim|audit)\\.',
    /\bdp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_-]{1,35}\.)?[A-Za-z0-9]{40,44}\b/dg,
  ),
  tokenRule('duffel-token', 'duffel_', /\bduffel_(?:test|live)_[A-Za-z0-9_=-]{43}/dg),
  tokenRule('dynatrace-token', 'dt0c01\\.', /\bdt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}\b/dg),
  tokenRule('easypost-token', 'ez[at]k', /\bEZ[AT]K[A-Za-z0-9]{54}\b/dg),
  tokenRule('facebook-token', 'eaa[mc]', /\bEAA[MC][A-Za-z0-9]{100,}/dg),
  tokenRule('flutterwave-key', 'flw(?:seck|pubk)_test-', /\bFLW(?:SECK|PUBK)_TEST-[a-hA-H0-9]{12,32}(?:-X)?/dg),
  tokenRule('flyio-token', 'fo1_|fm[12]', /\b(?:fo1_[\w-]{43}|fm[12][ar]?_[a-zA-Z0-9+/]{100,}={0,3})/dg),
  tokenRule('frameio-token', 'fio-u-', /\bfio-u-[A-Za-z0-9_=-]{64}/dg),
  tokenRule(
    'grafana-token',
    'eyjrijoi|glc_|glsa_',
    /\b(?:eyJrIjoi[A-Za-z0-9]{70,400}={0,3}|glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})/dg,
  ),
  tokenRule(
    'harness-token',
    '(?:pat|sat)\\.',
    /\b(?:pat|sat)\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{20}\b/dg,
  ),
  tokenRule('terraform-token', 'atlasv1', /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}/dg),
  tokenRule('heroku-key', 'hrku-aa', /\bHRKU-AA[0-9a-zA-Z_-]{58}/dg),
  tokenRule('infracost-token', 'ico-', /\bico-[a-zA-Z0-9]{32}\b/dg),
  tokenRule('intra42-secret', 's-s4t2', /\bs-s4t2(?:ud|af)-[a-f0-9]{64}\b/dg),
  tokenRule('linear-key', 'lin_api_', /\blin_api_[A-Za-z0-9]{40}\b/dg),
  tokenRule('maxmind-key', '_mmk', /\b[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk\b/dg),
  tokenRule('new-relic-key', 'nr(?:ak|ii|js)-', /\b(?:NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9-]{32}|NRJS-[a-f0-9]{19})\b/dg),
  // `ntn_…` now, `secret_` and 43 characters before (which a name like `secret_key_base` is not: no digit, one case).
  tokenRule(
    'notion-token',
    'ntn_|secret_',
    /\b(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})\b/dg,
    (v) => v.startsWith('ntn_') || (mixedCase(v) && hasLetterAndDigit(v)),
  ),
  tokenRule('octopus-key', 'api-', /\bAPI-[A-Z0-9]{26}\b/dg, hasLetterAndDigit),
  tokenRule('openshift-token', 'sha256~', /\bsha256~[\w-]{43}(?![\w-])/dg),
  tokenRule('perplexity-key', 'pplx-', /\bpplx-[A-Za-z0-9]{48}\b/dg),
  tokenRule('planetscale-token', 'pscale_', /\bpscale_(?:tkn|oauth|pw)_[\w=.-]{32,64}/dg),
  tokenRule('postman-key', 'pmak-', /\bPMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}\b/dg),
  tokenRule('prefect-key', 'pnu_', /\bpnu_[A-Za-z0-9]{36}\b/dg),
  tokenRule('pulumi-token', 'pul-', /\bpul-[a-f0-9]{40}\b/dg),
  tokenRule('readme-key', 'rdme_', /\brdme_[a-z0-9]{70}\b/dg),
  tokenRule('scalingo-token', 'tk-us-', /\btk-us-[\w-]{48}/dg),
  tokenRule('sentry-token', 'sntry[su]_', /\b(?:sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_]{50,})/dg),
  tokenRule('settlemint-token', 'sm_[aps]at_', /\bsm_(?:aat|pat|sat)_[A-Za-z0-9]{16}\b/dg),
  tokenRule('shippo-token', 'shippo_', /\bshippo_(?:live|test)_[a-fA-F0-9]{40}\b/dg),
  tokenRule('sourcegraph-token', 'sgp_', /\bsgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}\b/dg),
  tokenRule(
    'square-token',
    'sq0(?:atp|csp)-|eaaa',
    /\b(?:sq0(?:atp|csp)-[\w-]{22,60}|EAAA[\w-]{60})(?![\w-])/dg,
    mixedCase,
  ),
  tokenRule(
    'braintree-token',
    'access_token\\$production\\$',
    /\baccess_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32}\b/dg,
  ),
  tokenRule('typeform-token', 'tfp_', /\btfp_[A-Za-z0-9_.=-]{59}/dg),
  tokenRule('vault-token', 'hv[sb]\\.', /\b(?:hvs\.[\w-]{24,120}|hvb\.[\w-]{138,300})(?![\w-])/dg, hasLetterAndDigit),
  // Formats of providers gitleaks' rules name by a keyword beside the value, or not yet, whose tokens carry a prefix.
  tokenRule('groq-key', 'gsk_', /\bgsk_[A-Za-z0-9]{48,56}\b/dg, hasLetterAndDigit),
  tokenRule('replicate-token', 'r8_', /\br8_[A-Za-z0-9]{37}\b/dg, hasLetterAndDigit),
  tokenRule('xai-key', 'xai-', /\bxai-[A-Za-z0-9]{70,90}\b/dg, hasLetterAndDigit),
  tokenRule('supabase-key', 'sbp_|sb_secret_', /\b(?:sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,})(?![\w-])/dg),
  tokenRule('netlify-token', 'nfp_', /\bnfp_[A-Za-z0-9]{36,40}\b/dg, hasLetterAndDigit),
  tokenRule('tencent-secret-id', 'akid', /\bAKID[A-Za-z0-9]{32}\b/dg, hasLetterAndDigit),
  tokenRule('google-oauth-token', 'ya29\\.|1\\/\\/0', /\b(?:ya29\.[\w-]{30,}|1\/\/0[\w-]{40,})/dg, hasLetterAndDigit),
  tokenRule('mapbox-secret-token', 'sk\\.eyj', /\bsk\.eyJ[\w-]{20,}\.[\w-]{20,}/dg),
  tokenRule('tailscale-key', 'tskey-', /\btskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{20,}\b/dg),
  tokenRule('dockerhub-token', 'dckr_', /\bdckr_(?:pat|oat)_[\w-]{24,}(?![\w-])/dg, hasLetterAndDigit),
  tokenRule('bitbucket-app-password', 'atbb', /\bATBB[A-Za-z0-9_=.-]{28,}(?![\w=.-])/dg, hasLetterAndDigit),
  tokenRule('airtable-token', 'pat[a-z0-9]{14}\\.', /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/dg),
  tokenRule('figma-token', 'figd_', /\bfigd_[\w-]{40,}(?![\w-])/dg, hasLetterAndDigit),
  tokenRule('pinecone-key', 'pcsk_', /\bpcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,}\b/dg),
  tokenRule('langsmith-key', 'lsv2_', /\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\b/dg),
  tokenRule(
    'langfuse-secret-key',
    'sk-lf-',
    /\bsk-lf-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b/dg,
  ),
  tokenRule('resend-key', 're_', /\bre_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}\b/dg, hasLetterAndDigit),
  tokenRule('neon-key', 'napi_', /\bnapi_[a-z0-9]{64}\b/dg, hasLetterAndDigit),
  tokenRule('contentful-token', 'cfpat-', /\bCFPAT-[\w-]{43}(?![\w-])/dg),
  tokenRule('buildkite-token', 'bkua_', /\bbkua_[a-f0-9]{40}\b/dg),
  tokenRule('render-key', 'rnd_', /\brnd_[A-Za-z0-9]{32}\b/dg, hasLetterAndDigit),
  tokenRule('elevenlabs-key', 'sk_', /\bsk_[a-f0-9]{48}\b/dg, hasLetterAndDigit),
  tokenRule('dropbox-token', 'sl\\.', /\bsl\.(?:u\.)?[\w-]{130,}/dg, hasLetterAndDigit),
  // A Twitter (X) app's bearer token: 21 `A`s, then URL-encoded base64 (a `%` no base64 image has).
  tokenRule('twitter-bearer-token', 'aaaaaaaaaaaaaaaaaaaaa', /\bA{21}[A-Za-z0-9]{10,}%[23][0-9A-F][A-Za-z0-9%]{20,}/dg),
  // A key store in base64, by its header: PKCS#12 (`MII…IBAzCC`: a SEQUENCE, then version 3), JKS (0xFEEDFEED), JCEKS.
  tokenRule(
    'keystore',
    'ibazcc|\\/u3\\+7qaaaa|zs7ozgaaaa',
    /(?:(?<=^[+ -])|(?<![A-Za-z0-9+/]))(?:MII[A-Za-z0-9+/]{2}[AQgw]IBAzCC|\/u3\+7QAAAA|zs7OzgAAAA)[A-Za-z0-9+/]{40,}={0,2}/dg,
  ),
  // A Kubernetes secret's `tls.key: LS0tLS1CRUdJTi…`: a whole PEM key in base64.
  tokenRule('private-key', 'ls0tls1crudjti', /\bLS0tLS1CRUdJTi[A-Za-z0-9+/]{20,}={0,2}/dg, encodesPrivateKey),
  tokenRule('jwt', 'eyj', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/dg),
].map(withoutPlaceholders);
