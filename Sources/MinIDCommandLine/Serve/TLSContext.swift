import CEvent
import CEventTLS
import Foundation
import MinIDKit

/// The server's TLS, from `--tls-cert` and `--tls-key`: an OpenSSL `SSL_CTX` holding the certificate chain
/// (PEM, the server's certificate first) and its private key (PEM), TLS 1.2 or later. Each accepted
/// connection gets its own `SSL` from it, wrapped by libevent's bufferevent_openssl, so evhttp reads and
/// writes through TLS and the handlers never know.
final class TLSContext: @unchecked Sendable {
  /// OpenSSL's context; freed with the object. Used on the loop thread only.
  let context: OpaquePointer

  /// Loads and checks the pair.
  /// - Throws: `ServeError.tls` naming the file and OpenSSL's reason: a file that cannot be read or is
  ///   not PEM, a key that others may read or write (it would not stay the server's), a key that is not the
  ///   certificate's.
  init(certificateFile: String, keyFile: String) throws {
    var status = stat()
    guard stat(keyFile, &status) == 0 else {
      throw ServeError.tls(file: keyFile, reason: String(cString: strerror(errno)))
    }
    if status.st_mode & (S_IROTH | S_IWOTH) != 0 {
      throw ServeError.tls(
        file: keyFile, reason: "other users may read or write the private key; chmod o-rw it")
    }
    guard let context = SSL_CTX_new(TLS_server_method()) else {
      throw ServeError.tls(file: certificateFile, reason: Self.openSSLReason())
    }
    self.context = context
    // SSL_CTX_set_min_proto_version is a macro that Swift does not see.
    guard SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil) == 1 else {
      throw ServeError.tls(file: certificateFile, reason: Self.openSSLReason())
    }
    guard SSL_CTX_use_certificate_chain_file(context, certificateFile) == 1 else {
      throw ServeError.tls(file: certificateFile, reason: Self.openSSLReason())
    }
    guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
      let reason = Self.openSSLReason()
      throw ServeError.tls(
        file: keyFile,
        reason: reason.contains("key values mismatch") ? "the private key is not the certificate's" : reason)
    }
    guard SSL_CTX_check_private_key(context) == 1 else {
      throw ServeError.tls(file: keyFile, reason: "the private key is not the certificate's")
    }
  }

  deinit { SSL_CTX_free(context) }

  /// Makes evhttp accept every connection of `http` through TLS.
  func install(on http: OpaquePointer) {
    evhttp_set_bevcb(
      http,
      { base, argument in
        guard let argument else { return nil }
        let tls = Unmanaged<TLSContext>.fromOpaque(argument).takeUnretainedValue()
        guard let connection = SSL_new(tls.context) else { return nil }
        // The bufferevent owns the SSL from here and frees it with the connection.
        return bufferevent_openssl_socket_new(
          base, -1, connection, BUFFEREVENT_SSL_ACCEPTING, Int32(BEV_OPT_CLOSE_ON_FREE.rawValue))
      }, Unmanaged.passUnretained(self).toOpaque())
  }

  /// OpenSSL's queued errors as one line, the queue emptied.
  private static func openSSLReason() -> String {
    var reasons: [String] = []
    while case let code = ERR_get_error(), code != 0 {
      var buffer = [UInt8](repeating: 0, count: 256)
      buffer.withUnsafeMutableBufferPointer { bytes in
        bytes.withMemoryRebound(to: CChar.self) { ERR_error_string_n(code, $0.baseAddress, $0.count) }
      }
      reasons.append(String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self))
    }
    return reasons.isEmpty ? "OpenSSL refused it" : reasons.joined(separator: "; ")
  }
}
