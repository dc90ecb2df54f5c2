"""The browser's side of Web Push for the tests, with Python's http_ece and cryptography
as an implementation independent of the portal's.

  push_decrypt.py keys
      prints {"private", "p256dh", "auth"} (base64url): a new P-256 key pair and
      authentication secret, as a browser makes when it subscribes.
  push_decrypt.py open PRIVATE AUTH AUTHORIZATION < BODY
      decrypts BODY (aes128gcm, RFC 8291), checks the VAPID signature of the
      Authorization header (RFC 8292) and prints {"payload", "aud", "sub", "exp"}.
"""

import base64
import json
import os
import sys

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def keys():
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    private = key.private_numbers().private_value.to_bytes(32, "big")
    print(json.dumps({"private": encode(private), "p256dh": encode(public), "auth": encode(os.urandom(16))}))


def verify_vapid(authorization):
    scheme, _, params = authorization.partition(" ")
    if scheme != "vapid":
        sys.exit(f"not a VAPID authorization: {scheme}")
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    token, server_key = fields["t"], decode(fields["k"])
    header, claims, signature = token.split(".")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), server_key)
    raw = decode(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        public.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        sys.exit("the VAPID signature does not verify")
    if json.loads(decode(header))["alg"] != "ES256":
        sys.exit("the VAPID token is not ES256")
    return json.loads(decode(claims))


def open_message(private, auth, authorization):
    key = ec.derive_private_key(int.from_bytes(decode(private), "big"), ec.SECP256R1())
    body = sys.stdin.buffer.read()
    plain = http_ece.decrypt(body, private_key=key, auth_secret=decode(auth), version="aes128gcm")
    claims = verify_vapid(authorization)
    print(json.dumps({
        "payload": json.loads(plain),
        "aud": claims["aud"],
        "sub": claims["sub"],
        "exp": claims["exp"],
    }, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1] == "keys":
        keys()
    else:
        open_message(*sys.argv[2:5])
