"""The service provider's key pairs, and making key pairs (for tests and the demo).

`settings.ICS_SSO["SP_KEYS"]` lists PEM files as (key file, certificate file) pairs, the current pair
first: it signs the AuthnRequests and logout messages. Every listed certificate is published in the
SP's metadata, and every key may decrypt, so a new pair is rolled in by listing it second (the IdPs
fetch metadata with both), then first, and the old one is removed after the IdPs have refreshed.
"""

import datetime
import shutil
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class KeyPair:
    key_file: str
    cert_file: str


def sp_keys() -> list[KeyPair]:
    """The SP's key pairs, current first. Empty when SSO is not configured (or, in development, before
    the demo loader has made the pair)."""
    pairs = []
    for key_file, cert_file in settings.ICS_SSO.get("SP_KEYS", []):
        if key_file and cert_file and Path(key_file).exists() and Path(cert_file).exists():
            pairs.append(KeyPair(str(key_file), str(cert_file)))
    return pairs


def xmlsec_binary() -> str:
    """The xmlsec1 program pysaml2 signs and verifies with (Debian's package xmlsec1)."""
    path = settings.ICS_SSO.get("XMLSEC_BINARY") or shutil.which("xmlsec1")
    if not path:
        raise ImproperlyConfigured("SAML single sign-on needs the xmlsec1 program: apt-get install xmlsec1")
    return path


def generate_key_pair(directory: Path, name: str, common_name: str, *, days: int = 3650) -> KeyPair:
    """A fresh RSA 2048 key and a self-signed certificate for it, written as PEM files in directory.

    SAML trusts the certificate published in metadata, not a CA, so self-signed is the norm."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject).issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))
    key_file.chmod(0o600)
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return KeyPair(str(key_file), str(cert_file))
