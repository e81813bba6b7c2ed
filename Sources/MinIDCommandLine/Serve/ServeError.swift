import MinIDKit

/// Why `minid serve` could not start.
enum ServeError: MinIDError, Equatable {
  /// `--public-url` names another issuer than the store's: every token and document would be wrong.
  case publicURLMismatch(given: String, issuer: String)
  /// The listening socket could not be bound (the port taken, no such address, a privileged port).
  case cannotListen(String, reason: String)
  /// libevent could not make its loop.
  case eventLoop

  var code: String {
    switch self {
    case .publicURLMismatch: "public_url_mismatch"
    case .cannotListen: "cannot_listen"
    case .eventLoop: "event_loop"
    }
  }

  var category: ErrorCategory {
    switch self {
    case .publicURLMismatch, .cannotListen: .configuration
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
    }
  }
}
