import MinIDKit

/// Why `minid serve` could not start.
enum ServeError: MinIDError, Equatable {
  /// `--public-url` names another issuer than the store's: every token and document would be wrong.
  case publicURLMismatch(given: String, issuer: String)
  /// The listening socket could not be bound (the port taken, no such address, a privileged port).
  case cannotListen(String, reason: String)
  /// libevent could not make its loop.
  case eventLoop
  /// `--tls-cert`/`--tls-key` could not be used: the file and OpenSSL's (or minid's) reason.
  case tls(file: String, reason: String)
  /// The store's issuer is `http:` but the server was given TLS, or the other way round is asked of it.
  case tlsIssuerScheme(issuer: String)

  var code: String {
    switch self {
    case .publicURLMismatch: "public_url_mismatch"
    case .cannotListen: "cannot_listen"
    case .eventLoop: "event_loop"
    case .tls: "tls_unusable"
    case .tlsIssuerScheme: "tls_issuer_scheme"
    }
  }

  var category: ErrorCategory {
    switch self {
    case .publicURLMismatch, .cannotListen, .tls, .tlsIssuerScheme: .configuration
    case .eventLoop: .internal
    }
  }

  var message: String {
    switch self {
    case .publicURLMismatch(let given, let issuer):
      "--public-url \(given) is not the store's issuer \(issuer); tokens name the issuer, so clients must "
        + "reach the server at it. Leave --public-url out, or give \(issuer)"
    case .cannotListen(let address, let reason):
      "cannot listen on \(address): \(reason); choose another --listen address or port"
    case .eventLoop: "libevent could not start its event loop"
    case .tls(let file, let reason): "cannot use \(file) for TLS: \(reason)"
    case .tlsIssuerScheme(let issuer):
      "the store's issuer \(issuer) is not https, so clients would not speak TLS to it; serve TLS only for an "
        + "https issuer (minid init --issuer https://…), or leave --tls-cert/--tls-key out"
    }
  }
}
