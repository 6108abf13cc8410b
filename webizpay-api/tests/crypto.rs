//! Known-answer, cross-backend, OpenSSL and key-error tests of the RSA
//! backends.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use webizpay_api::__internal::BackendExt as _;
use webizpay_api::__internal::crypto::{Backend, SigningKey, VerifyingKey};

const GO_PRIVATE: &str = include_str!("../testdata/go_merchant_private_key.pem");
const GO_PUBLIC: &str = include_str!("../testdata/go_merchant_public_key.pem");
const JAVA_PRIVATE: &str = include_str!("../testdata/java_merchant_private_key.pem");
const JAVA_PRIVATE_PKCS1: &str = include_str!("../testdata/java_merchant_private_key.pkcs1.pem");
const JAVA_PUBLIC: &str = include_str!("../testdata/java_merchant_public_key.pem");
const WECHATPAY_PRIVATE: &str = include_str!("../testdata/java_wechatpay_private_key.pem");
const WECHATPAY_PUBLIC: &str = include_str!("../testdata/java_wechatpay_public_key.pem");

/// Vector 1 (wechatpay-go): `source` signed with the Go merchant key.
const GO_SIGNATURE: &str = "BKyAfU4iMCuvXMXS0Wzam3V/cnxZ+JaqigPM5OhljS2iOT95OO6Fsuml2JkFANJU9K6q9bLlDhPXuoVz+pp4hAm6pHU4ld815U4jsKu1RkyaII+1CYBUYC8TK0XtJ8FwUXXz8vZHh58rrAVN1XwNyvD1vfpxrMT4SL536GLwvpUHlCqIMzoZUguLli/K8V29QiOhuH6IEqLNJn8e9b3nwNcQ7be3CzYGpDAKBfDGPCqCv8Rw5zndhlffk2FEA70G4hvMwe51qMN/RAJbknXG23bSlObuTCN7Ndj1aJGH6/L+hdwfLpUtJm4QYVazzW7DFD27EpSQEqA8bX9+8m1rLg==";
/// Vector 2 (wechatpay-java): `message` signed with the Java merchant key.
const JAVA_SIGNATURE: &str = "Rq+5ZpWV6IHTWE1+9gCrYJKguNgbItpMdlIA+PVCPCdUAKNlohZz7CL7Y8xWDIFJjdGnErMj6Z+Q/h9CF5MV+nAVkqDmBR0uP5ppsUEzco4ijvKHsvI2ro4boSW6vSfQs3W8I4QSI9a0/NFIgvj83Fv27LIYZf7deaFWmEwd1fpAeJRCyoKyBeJPdsjVx0//Lqe6Wze2zVdliLcBvaHCfpd8+rAVGS+FQDeWgHqJ7n/Zy09LmV1/ghs7pO1mdjdD16SHKlysAD3K5hNGUJX/SHrEXEcu1yO1AOb/YvOVkjNh8243rcfXNE5L4ph2XS11vS+2aToKYSOcKUagf0LLaw==";

/// The Java WeChat Pay public key in PKCS#1 form
/// (`openssl rsa -pubin -RSAPublicKey_out`).
const WECHATPAY_PUBLIC_PKCS1: &str = "\
-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA4qBVumAat3oWPdWVuU24fkTVJ7hn6Lvp6m4dCq+d/txH9BDaE2zt
UtuAYTb+WeugVoDZKphrQX5tismQq/aN/rptyvBX8xCAzsmXFsYXWIsiG9cdU4FK
k227akp5Yu3d74TXUjDyijwDampQ2HZTu8O6CeyuuYYxHcpW0VkkStaIHXztqfBG
V8K9EM67cbSmC+nq+KY+OIo9rHZUkCncLrrBdHf59Ik/KdRsEU1EzzUqPe5dVYDs
uiPxWQvQf88SgKu/+/15YFimlpEya9PdkCcTV0xy/OSIisIFHek6j9Ii5jLvqhVw
aSa+5zkhrrSq4/b10kXLjh3IPsTDenYt7wIDAQAB
-----END RSA PUBLIC KEY-----
";

const EC_SEC1: &str = "\
-----BEGIN EC PRIVATE KEY-----\n\
MHcCAQEEIC3RoyLwciLPvrqC/HED5dlDEdbc+Aj/ca3UIJUhc6BaoAoGCCqGSM49\n\
AwEHoUQDQgAEoOpy/p3PSNurVd5YKGXpLe2RBYjdhk6haYGpET1XudXOslMp0bpV\n\
nDEOyG1Lh7v/AzWfayXQFx/hUvYm3CRx8w==\n\
-----END EC PRIVATE KEY-----\n\
";

const EC_PKCS8: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgLdGjIvByIs++uoL8\n\
cQPl2UMR1tz4CP9xrdQglSFzoFqhRANCAASg6nL+nc9I26tV3lgoZekt7ZEFiN2G\n\
TqFpgakRPVe51c6yUynRulWcMQ7IbUuHu/8DNZ9rJdAXH+FS9ibcJHHz\n\
-----END PRIVATE KEY-----\n\
";

const EC_PUBLIC: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoOpy/p3PSNurVd5YKGXpLe2RBYjd\n\
hk6haYGpET1XudXOslMp0bpVnDEOyG1Lh7v/AzWfayXQFx/hUvYm3CRx8w==\n\
-----END PUBLIC KEY-----\n\
";

const RSA1024_PKCS8: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIICeAIBADANBgkqhkiG9w0BAQEFAASCAmIwggJeAgEAAoGBAKdXqqL0GYMpywBR\n\
FzXqamVyet09J+TrN56zsB8rnfM1dPauCJLcLBQFAAl9+36uoJC5tmgE9/TdNuMn\n\
UOAXnmfCucY4zK1ekYPyTesegsOsLQn98KeG9o9Oh0myGI300KybaxL/gEQo8qZE\n\
gPxTjVBjFw77iP/2cSV/sPFJ8WP3AgMBAAECgYATMk1S0Cm1EDBHYwYEm1WFObK6\n\
em9/JTSGMhq8GKbP5Yv7WE+HeVZdHY25iQg2qhWlRIiWOiuvnUjUmgf/DPaQxRku\n\
FcJpyuBJi94fLH/xDskXBQtkk3L0+84FYwmtGp6JNlCV/xLNK1p4NKfMmnWWN1Au\n\
oQ9Myk4WIe0iSkPAQQJBANKsaJ0tIPsd3y3p4TDpFSZht2lI1Ulm4edVESaY3Kwm\n\
KJSd0q8TmBNkjB6mVobvDRA+s+UnsHpvp/MP3S/Yr8cCQQDLWKXD7GJTLB7wZZHX\n\
SubASjScVlCLFB+WFcgAmaKQQTvgVI/NXeKynQghW+7MESFPONwrONy+cdiI6JRc\n\
XApRAkEAuc8KLaaB8jl0gABJd2P8HXAN3jQ4uZaeI/QpPkuQRd0Z6YoRKg00Edaa\n\
puW6ZyQr92n2LGSHCFW2YXBaezq4PQJBAKcYu27aapnqIapt7IA7/o546+6kRx9i\n\
c+pDD8zecuWTlX5sPpcF1Wns/GddQkfSs8qD8Phbi5m7t7IZXQDgaWECQQC6v4Jl\n\
UNYG/1+PvZxeiG9vCOPQwTgMp0jieZNP9bDKwKNKNbhcm3zzQAuimRa01QBWTVCb\n\
1udRQyoS62VvUhXo\n\
-----END PRIVATE KEY-----\n\
";

const RSA1024_PKCS1: &str = "\
-----BEGIN RSA PRIVATE KEY-----\n\
MIICXgIBAAKBgQCnV6qi9BmDKcsAURc16mplcnrdPSfk6zees7AfK53zNXT2rgiS\n\
3CwUBQAJfft+rqCQubZoBPf03TbjJ1DgF55nwrnGOMytXpGD8k3rHoLDrC0J/fCn\n\
hvaPTodJshiN9NCsm2sS/4BEKPKmRID8U41QYxcO+4j/9nElf7DxSfFj9wIDAQAB\n\
AoGAEzJNUtAptRAwR2MGBJtVhTmyunpvfyU0hjIavBimz+WL+1hPh3lWXR2NuYkI\n\
NqoVpUSIljorr51I1JoH/wz2kMUZLhXCacrgSYveHyx/8Q7JFwULZJNy9PvOBWMJ\n\
rRqeiTZQlf8SzStaeDSnzJp1ljdQLqEPTMpOFiHtIkpDwEECQQDSrGidLSD7Hd8t\n\
6eEw6RUmYbdpSNVJZuHnVREmmNysJiiUndKvE5gTZIweplaG7w0QPrPlJ7B6b6fz\n\
D90v2K/HAkEAy1ilw+xiUywe8GWR10rmwEo0nFZQixQflhXIAJmikEE74FSPzV3i\n\
sp0IIVvuzBEhTzjcKzjcvnHYiOiUXFwKUQJBALnPCi2mgfI5dIAASXdj/B1wDd40\n\
OLmWniP0KT5LkEXdGemKESoNNBHWmqblumckK/dp9ixkhwhVtmFwWns6uD0CQQCn\n\
GLtu2mqZ6iGqbeyAO/6OeOvupEcfYnPqQw/M3nLlk5V+bD6XBdVp7PxnXUJH0rPK\n\
g/D4W4uZu7eyGV0A4GlhAkEAur+CZVDWBv9fj72cXohvbwjj0ME4DKdI4nmTT/Ww\n\
ysCjSjW4XJt880ALopkWtNUAVk1Qm9bnUUMqEutlb1IV6A==\n\
-----END RSA PRIVATE KEY-----\n\
";

const RSA1024_PUBLIC: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCnV6qi9BmDKcsAURc16mplcnrd\n\
PSfk6zees7AfK53zNXT2rgiS3CwUBQAJfft+rqCQubZoBPf03TbjJ1DgF55nwrnG\n\
OMytXpGD8k3rHoLDrC0J/fCnhvaPTodJshiN9NCsm2sS/4BEKPKmRID8U41QYxcO\n\
+4j/9nElf7DxSfFj9wIDAQAB\n\
-----END PUBLIC KEY-----\n\
";

const ENCRYPTED_PKCS8: &str = "\
-----BEGIN ENCRYPTED PRIVATE KEY-----\n\
MIIC3TBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIUxze0cBROIYCAggA\n\
MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAECBBD+BR89LD55JbGxpWBNx0dvBIIC\n\
gBdkHD323+GpxrIL47N99Yf6alj2Xp0G2y2BPguDtlyeSVc/Eyf0L9n9eKRtnW/+\n\
uM+Q/Ju1toD+TC4BTmhAQP0rrK21dzi+QmHiHN6LI/7krSh6NEQfyISlkLgx3GDf\n\
p4QUU7BwGHuScgPvMvTHKfT+isq1PiQ1Hc8jf+vDWI6dpaysaw5oh0pbmthX+9a3\n\
YFC94Wsx8i/s55UsmOwPBIWb4IFXqW7GjSkhO4onegQI8C1WuTaWXTJjDa2OvSid\n\
JX0v8UyLOuPWOXZkV4W+uaP9xoVFSUaA9QFiV4i4RuzWibCieAQz0qvi5U+P7Brj\n\
uNBZVW7MZ7DnFb8+ELYGik2SUQii7VKQsk7DiOyjPscPKIEAasYhjJ4TIDkIz5X5\n\
JlaWNghVULco+8S5ZMUILDD18JnpL1ICo1yzx0KMwfBV280poMJDVUlN6hCq3Zsq\n\
EHjbT4rIa7PD4Rh1B9IzUfjWXR31W07c4jUhLI5lDvUAXtcjNNyfAFZHYI7cVamW\n\
WesiW3mdZ+fX8Ihyy/OTp2bVYIQZHEb9JC/WnLAiBQLh1fU7goyaVTzc3o5f5A5o\n\
b8GIoxEFPRrSvcjBKG8FLFN51AW5CdHfZ0C/RZaTwzBN+8naSZ9rOq782csmTN2E\n\
cVPVJ6IYrcpQzkE1EcBg1HFTxZuJ04660npN6mo5vHiE8nHD1eF2pAs5+vEUcreb\n\
ug/P4m6Z0RUj2mqkpONlKGmUL8Imi7XQXW69yhqqeC4W0qm2trZEmlsm4y6kxB3x\n\
fOzaf7cfwCRWFFlwtUD+kjJhOAEXzZFQZdj9zzHkKwhX5ZPAaaE/+bZvvPhfsNm2\n\
5V2TNXHXx+LFd8nNi93O5JM=\n\
-----END ENCRYPTED PRIVATE KEY-----\n\
";

const ENCRYPTED_LEGACY: &str = "\
-----BEGIN RSA PRIVATE KEY-----\n\
Proc-Type: 4,ENCRYPTED\n\
DEK-Info: AES-128-CBC,BE953B91EE3B175A7DB56D36B00C290C\n\
\n\
SQAWi1qQFgnZjCspJHIPBSMr9y3WemPB+s1OD3X0TxhfFPe02QSY6qHyPCXwa/s8\n\
TbR07ueZpLL7iYeuSopoxSMalsQumllm7/FU/Dtbae155vhBok/4CIypQj+ONI6y\n\
WPVu0yQllb8MzDWU6433riZ7yl8qvVC3bC6v5oVzoz7uXx48IFbB+fEoocjgQ4ws\n\
D1ykkuuZffrBY6tVu5WO4LPIOPErPU8hFrw42XD4CoE+aqmi/8ER0TDd9ACVhYtn\n\
n7xlocXaSPpKjT3LWOmQuZt7BGo0jGd836haqhV9/BLsIzV/KLTi/9YoWVbaz5Bc\n\
dvLgQSPqwK3cdlWnO8wYWS5X5E4soUnt1VnSSetG7N3K3P4xg4m9bK9RltMQ+2SX\n\
sQ6Q7TO9vrj8LHup+QxIEqmx36uZLGTFWZ159cNpesim2jwvid5cC75qakhRpPBn\n\
YLfIjUwM1xNB9M8GrgFKE5DX1+Sm/alY1fUNYnhmIJEMHP0vPfMy5pQQ2U8LT8Dg\n\
8X8bhTsv46jFmnEDQK6BLBhW8riXISWs/scCcgtAJrsBbTLgoRTjGjVU55KAx2tD\n\
1YwaB/arL7xpPxEAOkTX4HbPfNJHIpjeXczHpLaoBkz6y9W6SJxQf0rMtvgCZJua\n\
a9L9m3TxH+YoGL+w17rZzngxQXkXCuYJ5/JmrsjrOiaC7CwB6m3dMagF0nBsYM/K\n\
6oa9Ymfv6FLxNOc94ohsnLZbeGWFYEQApaql3jMkezmj/LV1sw7TMB5qseRX7gD8\n\
8mwMD6+0FOrYeZCdCnoBjw0+GZUTgKbTK8jWSoXKumnpPcS7YJI9Qdi/PzEnxScY\n\
-----END RSA PRIVATE KEY-----\n\
";

const RSA4096_PKCS8: &str = "\
-----BEGIN PRIVATE KEY-----\n\
MIIJQgIBADANBgkqhkiG9w0BAQEFAASCCSwwggkoAgEAAoICAQDQUiJ7TUeXX6i1\n\
HWJ+Sx6gu9YKgvNG5Poom65SNdE/+X5EaA2bEPN3awedZ7l0uXc3JKbEp3Hx5qmB\n\
zYi2NyBAGoH3UXbiPdAxa4IbKLOnkGPKUQem0cFDq9x706p9o48sLPS0SI8fUcYu\n\
mfbgl404QBnE4JVAQHG1knu8VhxhGJ0QwnaRTZP98U/AsbC9XZGlrt50MNQMvERg\n\
43+P3lkbIMnkgovvxMupEDU/Pew+q4iG3amkaB6ZshFWOHIEsmuO3PzoTnOlrSiZ\n\
c71cZb0KpoYqFnSeEBuUFTPnXKBmdfd9PwA6iXGnexJOKlZSR+QWoP/kMpInYtj2\n\
nZM2yYLL50szgBTD0y1MoXJnqbJ4RSG+42PYzZee1xln67Kchc2k7azFUfsxc558\n\
yMXtB7mhUGqGhDtmVmQ8sL+lwy/WL2L84SNSRx+OlVpGHJlMi5hwQxbHVtCMCcxi\n\
/3Iakxz18nuBqI/vBINsZuAMrN/e+eVlD96JbaKFkByqr2XshzWCRoAWNv55IMkK\n\
itKzOShr6VfjPyE3KcQzsr1/t0B1qUIAfvIkNiQgs52WVwBmu/rWp0OZTFIdzPW9\n\
e2LpVtvlbNeDp3it4zhSnNXbnnCzXX961RUGsIOtQpXvdudjUnBLSxw/xTPJp8Ad\n\
HveLdb2Keob/uHf8O6oXdIKs0qYULQIDAQABAoICABDJKXufer8NB3JOk5bjFSz0\n\
7baLnjAud6TJhJadvQZnY1/+NWhzCXcsIeEyUCyCXEOOebybVHBeOnbZ2aP7Fads\n\
q1/DCe4Jdorg44suMKm2FgBhnpj3yleaU8oLgG+evATee3pCZXvr0ikDoXOv6oJn\n\
kdv+D7CtcKwliUBf/Onq+o706GplYqEh7l/zwW7EyR1dVZHttExxaB4ZfrgYPbxU\n\
nEgEJ+PySsnM40l9Axn6puXdGxQDCsIuKbz1j+Rmfwm0L1HFroZhSUXyIEY/cWfY\n\
CrP9+rgYyqwYOEYyfb87zq0iJDHTTNvmrA8t1KZNIikboHriA0pWqe5XPJs7ygTg\n\
RmwL7UQy5F5+j9OhJy3VQuFLon1yruHzFhTEcijvplxxr7iLQwt9dz6GAzv+CQTX\n\
xcNT/fUvJADmC+1S1G1Za4yobb9M0wkS+Axislx5DMtZWGa/3iId2qjtg2tKK73V\n\
WfnVqFl47UbZDeaEX93HC2EaA4QjYrkgP7LDize5/BxsZ+gD3EjaEKHpDsrUiz8S\n\
QsJ4Am8L33Y6suHg+datKoNxLTb26XHcKbOKLvXJodWNMRglkrXXZ5bMcvdeAzuK\n\
6lnVHjSPQwkQh02V42vXdAbvvm1QHP/ZNnwHyhYlsjiD7CAA1QdFb4yU8ugKKFxT\n\
S4PZ3N2j+oFibF00wbCRAoIBAQD4LW29lmaFfxoPb0lrM3Wcem8KYe/sLqonrGU3\n\
ZSUZX30sXqCM2VRUe+GJLKs4FIRWJjGgcTzc3VN4Fh9Z/paD2jNnaUCOdSsn3+ig\n\
kvutHs53ape26Dgj/kLf7WkrTRSShx/lRzpBHI0J9BKQj24GOKSiSQsOkOqyMsdA\n\
+vuD0NSPXWDC9cSH5wUXJO6JErmO7s+xsDJL6JVxXpiDQNDnmLSs6gJLoKXi5gN9\n\
NnSxCp8L57+Mo/U+AqIZmr3vQb2CxW9LuahE9ugliWxoWXbpuaQna4Y09i75TDtg\n\
v/fNZJH6kd9TAJPfQksHrgAxfaE8sTLiZZSeioj26vG23O5RAoIBAQDW4xk751NF\n\
30l3qTTcLhO88YEykZtCRvRGUvkOTjMK4NNKxMUpBE3hfwe6yvust096Pl0qy8oj\n\
VhFMTeI9bcn8LqzA3FgbnfiIlVaNZ3g5r4IPXCTyShWUchzd392HOWeRxmQ6jhuu\n\
Q/eZGFroY0qx6CeCb5awFQjBcPvXIYt6fL1+f1FSOveBC2w0LMk3Yg5W+gnhVlp5\n\
2PJq3MjWqwF7hED22vTQNOI/+6/92CajCDR0XQJ/nIp0Pdy8Bd3dfuibaH3ZEm6J\n\
x/Z3nr6VrUbCiBhaVcoxALDf9yuI+wFQpcO0yUGapCiioHUS79w+9VEDYONx6wQo\n\
Gj4naTv4H4UdAoIBAFxSqgxpMuJekhdD0xAqKIp5kW1PWa2G/o2buFuPKOnzd+FV\n\
omxDPPfgzdn14AwQtdpGgxeoiHexbieyMx+LcfrC5XSG1xknxVIkHan+g9m3KB+M\n\
a7wDTz80izQ6YXFWT1zjH55vjOBD+sPFJFLayJdP4w7sFUzp5CU+dplZxM8YlLpw\n\
hlqAiwfzjRU7C/G6IYVmmaUEYvGSKGXwRtQs/InraOsacpgnvw5Vet7Nr0NdLCWF\n\
pOBw7f6PhDX6NsYWsqU/RVPqUQq2v02Xfdijz3TLNqHjgh2Zp4feMAih4VFrJFMO\n\
iQGbqWbYhojo1fGTRrQJR2CpYUxJRQJ2DE12isECggEATcgCGEbRQ5dhFmku8wvS\n\
pS+dnlpKIqFgRhw+fkkb/LIIiSXUX9ZpAlhiyeAzXP81S4BLZPRDBKtgs4f1flrB\n\
JAEZEu4vDkAN+BJmM+TiBa9bmoe17+WVDhiIDl+75fiHXqK7IN7Tci6z7rx8G2Xl\n\
YaQwuOv/VVknxC1LW0GPJRUF2kXnf6ZMdG9YCUK0ytE5c44qCWCiezxl8vxbzigz\n\
7yueADydJMgfpR1LRMz6n0SXCA+qmdpl21GRFpXhCw2m0Knv86TSUhkJQ584SSFh\n\
XYS5m+k1uKsRWuAy5/BDN5fo0QWQM5N8CfGeru4XgMp3OovViCSTapilKsrSpCt0\n\
mQKCAQEA8sHyODM3VZa68F4WxFJ6Q89Ox80K7rg4KIINi3bBhiyPUNBkrlmH8Wk4\n\
r86iWogPvjNw/2Zeg/NiMAOD3+0ygo2rZs6J4hiH3JZ1/VuTXN6IPJXHmpqgQ/uP\n\
WCFx9IPQlpQ6Cr5av37udxyWTd0jsEnYXzbEjptsGjIsD1FxNBHpa12sg5SuTuAZ\n\
bg8QgxTLhxxjPCNX4EeRrfAyGAzke8QIwy2qeaZpOm7+T+81C7j5qWyfu2sdoIWn\n\
OVT8tzCyPsbVQ2GGI4XtVJFWMAiRap7wOodza0sbmEl3o09NLqcxKdHXTCOb02DE\n\
GNVP0pyvATsToDbw5zikTGYRFWQ+ww==\n\
-----END PRIVATE KEY-----\n\
";

const RSA4096_PUBLIC: &str = "\
-----BEGIN PUBLIC KEY-----\n\
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA0FIie01Hl1+otR1ifkse\n\
oLvWCoLzRuT6KJuuUjXRP/l+RGgNmxDzd2sHnWe5dLl3NySmxKdx8eapgc2Itjcg\n\
QBqB91F24j3QMWuCGyizp5BjylEHptHBQ6vce9OqfaOPLCz0tEiPH1HGLpn24JeN\n\
OEAZxOCVQEBxtZJ7vFYcYRidEMJ2kU2T/fFPwLGwvV2Rpa7edDDUDLxEYON/j95Z\n\
GyDJ5IKL78TLqRA1Pz3sPquIht2ppGgembIRVjhyBLJrjtz86E5zpa0omXO9XGW9\n\
CqaGKhZ0nhAblBUz51ygZnX3fT8AOolxp3sSTipWUkfkFqD/5DKSJ2LY9p2TNsmC\n\
y+dLM4AUw9MtTKFyZ6myeEUhvuNj2M2XntcZZ+uynIXNpO2sxVH7MXOefMjF7Qe5\n\
oVBqhoQ7ZlZkPLC/pcMv1i9i/OEjUkcfjpVaRhyZTIuYcEMWx1bQjAnMYv9yGpMc\n\
9fJ7gaiP7wSDbGbgDKzf3vnlZQ/eiW2ihZAcqq9l7Ic1gkaAFjb+eSDJCorSszko\n\
a+lX4z8hNynEM7K9f7dAdalCAH7yJDYkILOdllcAZrv61qdDmUxSHcz1vXti6Vbb\n\
5WzXg6d4reM4UpzV255ws11/etUVBrCDrUKV73bnY1JwS0scP8UzyafAHR73i3W9\n\
inqG/7h3/DuqF3SCrNKmFC0CAwEAAQ==\n\
-----END PUBLIC KEY-----\n\
";

const PLATFORM_CERT: &str = include_str!("../testdata/platform_certificate.pem");

fn signer(backend: Backend, pem: &str) -> Box<dyn SigningKey> {
    backend
        .signing_key_from_pem(pem)
        .unwrap_or_else(|e| panic!("{backend}: {e}"))
}

fn verifier(backend: Backend, pem: &str) -> Box<dyn VerifyingKey> {
    backend
        .verifying_key_from_pem(pem)
        .unwrap_or_else(|e| panic!("{backend}: {e}"))
}

fn b64(s: &str) -> Vec<u8> {
    STANDARD.decode(s).unwrap()
}

#[test]
fn backends_are_listed_and_named() {
    let all = Backend::all();
    #[cfg(feature = "aws-lc-rs")]
    {
        assert!(all.contains(&Backend::AwsLc));
        assert_eq!(Backend::AwsLc.name(), "aws-lc-rs");
        assert_eq!(Backend::AwsLc.to_string(), "aws-lc-rs");
        assert_eq!(Backend::default(), Backend::AwsLc);
    }
    // The tests always enable `rust-crypto` (see the dev-dependency).
    assert!(all.contains(&Backend::RustCrypto));
    assert_eq!(Backend::RustCrypto.name(), "rust-crypto");
    assert_eq!(Backend::RustCrypto.to_string(), "rust-crypto");
    assert_eq!(all.len(), if cfg!(feature = "aws-lc-rs") { 2 } else { 1 });
}

#[test]
fn go_vector_signs_and_verifies_on_every_backend() {
    let expected = b64(GO_SIGNATURE);
    for &backend in Backend::all() {
        let key = signer(backend, GO_PRIVATE);
        assert_eq!(key.signature_len(), 256, "{backend}");
        assert_eq!(
            key.sign(b"source"),
            expected,
            "{backend}: Go vector signature"
        );
        let public = verifier(backend, GO_PUBLIC);
        assert!(public.verify(b"source", &expected), "{backend}");
        assert!(
            !public.verify(b"sourcE", &expected),
            "{backend}: other message"
        );
    }
}

#[test]
fn java_vector_signs_from_pkcs8_and_pkcs1_on_every_backend() {
    let expected = b64(JAVA_SIGNATURE);
    for &backend in Backend::all() {
        for pem in [JAVA_PRIVATE, JAVA_PRIVATE_PKCS1] {
            let key = signer(backend, pem);
            assert_eq!(
                key.sign(b"message"),
                expected,
                "{backend}: Java vector signature"
            );
        }
        let public = verifier(backend, JAVA_PUBLIC);
        assert!(public.verify(b"message", &expected), "{backend}");
        // The vector's signature does not verify under another key.
        assert!(
            !verifier(backend, GO_PUBLIC).verify(b"message", &expected),
            "{backend}"
        );
    }
}

#[test]
fn signing_is_deterministic_pkcs1_v1_5() {
    for &backend in Backend::all() {
        let key = signer(backend, WECHATPAY_PRIVATE);
        let a = key.sign(b"the same message");
        let b = key.sign(b"the same message");
        assert_eq!(
            a, b,
            "{backend}: PKCS#1 v1.5 is deterministic (blinding does not change the result)"
        );
        assert_ne!(a, key.sign(b"another message"), "{backend}");
    }
}

#[test]
fn each_backend_verifies_the_others_signatures_and_rejects_flipped_bits() {
    let message = b"GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n";
    for &signing in Backend::all() {
        let signature = signer(signing, WECHATPAY_PRIVATE).sign(message);
        assert_eq!(signature.len(), 256);
        for &verifying in Backend::all() {
            for public_pem in [WECHATPAY_PUBLIC, WECHATPAY_PUBLIC_PKCS1, PLATFORM_CERT] {
                let public = verifier(verifying, public_pem);
                assert!(
                    public.verify(message, &signature),
                    "{signing} -> {verifying}"
                );
                for (byte, bit) in [(0, 0), (100, 3), (255, 7)] {
                    let mut flipped = signature.clone();
                    flipped[byte] ^= 1 << bit;
                    assert!(
                        !public.verify(message, &flipped),
                        "{signing} -> {verifying}: flipped bit {byte}.{bit}"
                    );
                }
                let mut other = message.to_vec();
                other[0] ^= 1;
                assert!(
                    !public.verify(&other, &signature),
                    "{signing} -> {verifying}: altered message"
                );
                assert!(
                    !public.verify(message, &signature[..255]),
                    "short signature"
                );
                let mut long = signature.clone();
                long.insert(0, 0);
                assert!(
                    !public.verify(message, &long),
                    "signature with a leading zero byte"
                );
                assert!(!public.verify(message, &[]), "empty signature");
                assert!(
                    !public.verify(message, &[0xff; 256]),
                    "signature >= modulus"
                );
            }
        }
    }
}

#[test]
fn rsa_4096_keys_work() {
    let message = b"four thousand and ninety-six";
    for &signing in Backend::all() {
        let key = signer(signing, RSA4096_PKCS8);
        assert_eq!(key.signature_len(), 512);
        let signature = key.sign(message);
        assert_eq!(signature.len(), 512);
        for &verifying in Backend::all() {
            assert!(verifier(verifying, RSA4096_PUBLIC).verify(message, &signature));
            assert!(!verifier(verifying, WECHATPAY_PUBLIC).verify(message, &signature));
        }
    }
}

#[test]
fn openssl_command_line_verifies_our_signatures() {
    let dir = std::env::temp_dir().join(format!("webizpay-openssl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let message = "POST\n/v3/webizpay/employees/WeBizPay_a968402a/revoke\n1554208460\nNONCE\n{\"sp_mchid\":\"1\"}\n";
    std::fs::write(dir.join("pub.pem"), GO_PUBLIC).unwrap();
    std::fs::write(dir.join("msg.bin"), message).unwrap();
    for &backend in Backend::all() {
        let signature = signer(backend, GO_PRIVATE).sign(message.as_bytes());
        let sig_path = dir.join(format!("sig-{backend}.bin"));
        std::fs::write(&sig_path, &signature).unwrap();
        let run = |sig: &std::path::Path| {
            std::process::Command::new("openssl")
                .args(["dgst", "-sha256", "-verify"])
                .arg(dir.join("pub.pem"))
                .arg("-signature")
                .arg(sig)
                .arg(dir.join("msg.bin"))
                .output()
        };
        let output = match run(&sig_path) {
            Ok(output) => output,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                println!("NOTE: openssl is not installed; skipping the OpenSSL cross-check");
                let _ = std::fs::remove_dir_all(&dir);
                return;
            }
            Err(e) => panic!("running openssl: {e}"),
        };
        assert!(
            output.status.success(),
            "{backend}: openssl says {}",
            String::from_utf8_lossy(&output.stdout)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            "Verified OK"
        );

        let mut bad = signature.clone();
        bad[17] ^= 0x40;
        std::fs::write(&sig_path, &bad).unwrap();
        let output = run(&sig_path).unwrap();
        assert!(
            !output.status.success(),
            "{backend}: openssl accepted a corrupted signature"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn private_key_error(pem: &str) -> String {
    let mut messages = Backend::all()
        .iter()
        .map(|b| match b.signing_key_from_pem(pem) {
            Ok(_) => panic!("{b}: accepted a bad private key"),
            Err(e) => {
                assert_eq!(e.what, "merchant private key");
                e.to_string()
            }
        });
    let first = messages.next().unwrap();
    for other in messages {
        assert_eq!(first, other, "backends disagree on the error");
    }
    first
}

fn public_key_error(pem: &str) -> String {
    let mut messages = Backend::all()
        .iter()
        .map(|b| match b.verifying_key_from_pem(pem) {
            Ok(_) => panic!("{b}: accepted a bad public key"),
            Err(e) => {
                assert_eq!(e.what, "WeChat Pay public key");
                e.to_string()
            }
        });
    let first = messages.next().unwrap();
    for other in messages {
        assert_eq!(first, other, "backends disagree on the error");
    }
    first
}

/// The base64 lines of a PEM block, to check errors never quote them.
fn key_lines(pem: &str) -> impl Iterator<Item = &str> {
    pem.lines()
        .filter(|l| !l.starts_with("-----") && l.len() > 16)
}

#[test]
fn private_key_errors_are_specific() {
    assert_eq!(
        private_key_error(GO_PUBLIC),
        "invalid configuration: merchant private key: found a PUBLIC KEY PEM block, expected PRIVATE KEY or RSA PRIVATE KEY"
    );
    assert_eq!(
        private_key_error(PLATFORM_CERT),
        "invalid configuration: merchant private key: found a CERTIFICATE PEM block, expected PRIVATE KEY or RSA PRIVATE KEY (a certificate holds no private key: the merchant private key is the apiclient_key.pem file)"
    );
    assert_eq!(
        private_key_error(EC_SEC1),
        "invalid configuration: merchant private key: found an EC PRIVATE KEY PEM block: this is an EC key, not RSA; WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs the merchant's RSA private key (apiclient_key.pem)"
    );
    assert_eq!(
        private_key_error(EC_PKCS8),
        "invalid configuration: merchant private key: the PRIVATE KEY is an EC key, not RSA (rsaEncryption): WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs RSA"
    );
    let encrypted = "invalid configuration: merchant private key: the key is encrypted (ENCRYPTED PRIVATE KEY PEM block): decrypt it first (e.g. `openssl pkey -in encrypted.pem -out key.pem`) and keep the decrypted file protected";
    assert_eq!(private_key_error(ENCRYPTED_PKCS8), encrypted);
    assert_eq!(
        private_key_error(ENCRYPTED_LEGACY),
        encrypted.replace("ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY")
    );
    let small = "invalid configuration: merchant private key: the RSA key is too small (1024 bits): WeChat Pay APIv3 needs RSA keys of 2048 to 4096 bits";
    assert_eq!(private_key_error(RSA1024_PKCS8), small);
    assert_eq!(private_key_error(RSA1024_PKCS1), small);

    // Truncated: the END line is missing, or lines are missing in the middle.
    let cut = &GO_PRIVATE[..GO_PRIVATE.len() / 2];
    assert_eq!(
        private_key_error(cut),
        "invalid configuration: merchant private key: truncated PEM: the PRIVATE KEY block has no -----END PRIVATE KEY----- line (is the text or file cut short?)"
    );
    let lines: Vec<&str> = GO_PRIVATE.lines().collect();
    let missing_middle = [&lines[..5], &lines[lines.len() - 1..]].concat().join("\n");
    assert_eq!(
        private_key_error(&missing_middle),
        "invalid configuration: merchant private key: the PRIVATE KEY PEM block is not a valid PKCS#8 private key (corrupted or truncated?)"
    );
    let one_char_short = GO_PRIVATE.replacen("MIIE", "MIE", 1);
    assert_eq!(
        private_key_error(&one_char_short),
        "invalid configuration: merchant private key: the PRIVATE KEY PEM block is not valid base64 (the PEM text is corrupted or truncated)"
    );
    assert_eq!(
        private_key_error("-----BEGIN PRIVATE KEY"),
        "invalid configuration: merchant private key: truncated PEM: the -----BEGIN line is incomplete"
    );

    // Not PEM at all.
    assert_eq!(
        private_key_error("hello, this is not a key"),
        "invalid configuration: merchant private key: is not PEM (no -----BEGIN line found): expected PRIVATE KEY or RSA PRIVATE KEY"
    );
    assert_eq!(
        private_key_error("/etc/wechatpay/apiclient_key.pem"),
        "invalid configuration: merchant private key: is not PEM (no -----BEGIN line): expected the PEM text (PRIVATE KEY or RSA PRIVATE KEY); it looks like a file path, so load it with the matching *_file method"
    );
    assert_eq!(
        private_key_error("  \n"),
        "invalid configuration: merchant private key: is empty: expected a PEM block (PRIVATE KEY or RSA PRIVATE KEY)"
    );
    assert_eq!(
        private_key_error("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"),
        "invalid configuration: merchant private key: the PRIVATE KEY PEM block is empty"
    );
    assert_eq!(
        private_key_error("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
        "invalid configuration: merchant private key: the PRIVATE KEY PEM block is not a valid PKCS#8 private key (corrupted or truncated?)"
    );
    assert_eq!(
        private_key_error(&format!("{GO_PRIVATE}{JAVA_PRIVATE}")),
        "invalid configuration: merchant private key: the PEM text holds 2 private keys; give exactly one"
    );

    // No error quotes key material.
    for pem in [
        EC_SEC1,
        EC_PKCS8,
        ENCRYPTED_PKCS8,
        RSA1024_PKCS8,
        &missing_middle,
        &one_char_short,
    ] {
        let err = private_key_error(pem);
        for line in key_lines(pem) {
            assert!(!err.contains(line), "error quotes key material: {err}");
        }
    }
}

#[test]
fn private_key_with_explanatory_text_and_crlf_is_accepted() {
    let crlf = format!(
        "Bag Attributes\r\n    friendlyName: merchant\r\n{}",
        GO_PRIVATE.replace('\n', "\r\n")
    );
    for &backend in Backend::all() {
        assert_eq!(
            signer(backend, &crlf).sign(b"source"),
            b64(GO_SIGNATURE),
            "{backend}"
        );
    }
}

#[test]
fn public_key_errors_are_specific() {
    assert_eq!(
        public_key_error(GO_PRIVATE),
        "invalid configuration: WeChat Pay public key: found a PRIVATE KEY PEM block, expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE (a private key does not belong here: give WeChat Pay's public key or platform certificate)"
    );
    assert_eq!(
        public_key_error(EC_PUBLIC),
        "invalid configuration: WeChat Pay public key: the PUBLIC KEY is an EC key, not RSA (rsaEncryption): WeChat Pay APIv3 (WECHATPAY2-SHA256-RSA2048) needs RSA"
    );
    assert_eq!(
        public_key_error(RSA1024_PUBLIC),
        "invalid configuration: WeChat Pay public key: the RSA key is too small (1024 bits): WeChat Pay APIv3 needs RSA keys of 2048 to 4096 bits"
    );
    assert_eq!(
        public_key_error("PUB_KEY_ID_0114232134912410000000000000"),
        "invalid configuration: WeChat Pay public key: is not PEM (no -----BEGIN line found): expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE"
    );
    let cut = &WECHATPAY_PUBLIC[..WECHATPAY_PUBLIC.len() - 20];
    assert_eq!(
        public_key_error(cut),
        "invalid configuration: WeChat Pay public key: truncated PEM: the PUBLIC KEY block has no -----END PUBLIC KEY----- line (is the text or file cut short?)"
    );
    let cert_lines: Vec<&str> = PLATFORM_CERT.lines().collect();
    let broken_cert = [&cert_lines[..4], &cert_lines[cert_lines.len() - 1..]]
        .concat()
        .join("\n");
    assert!(
        public_key_error(&broken_cert).starts_with(
            "invalid configuration: WeChat Pay public key: the CERTIFICATE PEM block is not a valid X.509 certificate (corrupted or truncated?): "
        )
    );
    assert_eq!(
        public_key_error(&format!("{WECHATPAY_PUBLIC}{PLATFORM_CERT}")),
        "invalid configuration: WeChat Pay public key: the PEM text holds 2 public keys or certificates; give exactly one (for a certificate chain, only the WeChat Pay platform certificate)"
    );
}

#[test]
fn debug_of_keys_is_redacted() {
    for &backend in Backend::all() {
        let key = signer(backend, GO_PRIVATE);
        let shown = format!("{key:?}");
        assert_eq!(shown, "SigningKey { bits: 2048, key: <redacted> }");
        let public = verifier(backend, GO_PUBLIC);
        assert_eq!(format!("{public:?}"), "VerifyingKey(<redacted>)");
    }
}
