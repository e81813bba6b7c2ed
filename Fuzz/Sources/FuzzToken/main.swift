import Foundation

@testable import MinIDKit

// Oracle: no input verifies unless its header and claims are exactly those of the one token this process
// signed; input is either a whole token or, with a first byte of 0, edits applied to the signed token.
nonisolated(unsafe) let now = Timestamp(seconds: 1_795_600_000)
nonisolated(unsafe) let key = try! SigningKey.generate(.es256, at: now)
nonisolated(unsafe) let claims = IDTokenClaims(
  iss: "https://minid.test", aud: "app", sub: "s", pid: "06888199797", acr: "idporten-loa-substantial",
  amr: ["Minid-OTC"], authTime: now.seconds, iat: now.seconds, exp: now.seconds + 120, jti: "j", nonce: nil,
  locale: "nb")
nonisolated(unsafe) let signed = try! CompactJWS.sign(
  header: ["alg": "ES256", "kid": key.kid, "typ": "JWT"], claims: claims, key: key)
nonisolated(unsafe) let original = try! CompactJWS(parsing: signed)
nonisolated(unsafe) let verifier = TokenVerifier(
  keys: JSONWebKeySet(keys: [key.publicKey]), issuer: "https://minid.test", audience: "app", now: now)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: start, count: count)
  var token: String
  if bytes.first == 0 {
    var edited = Array(signed.utf8)
    var index = 1
    while index + 1 < count {
      let position = Int(bytes[index]) * edited.count / 256
      edited[position] = bytes[index + 1]
      index += 2
    }
    token = String(decoding: edited, as: UTF8.self)
  } else {
    token = String(decoding: bytes, as: UTF8.self)
  }
  if (try? verifier.verify(token)) != nil {
    let accepted = try! CompactJWS(parsing: token)
    precondition(
      accepted.headerBytes == original.headerBytes && accepted.payloadBytes == original.payloadBytes,
      "a token with other contents verified")
  }
  return 0
}
