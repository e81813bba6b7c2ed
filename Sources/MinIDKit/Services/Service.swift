/// ID-porten's security levels, by their `acr` values.
public enum SecurityLevel: String, Sendable, CaseIterable, Codable, Comparable {
  /// Level 3, «betydelig»: MinID.
  case substantial = "idporten-loa-substantial"
  /// Level 4, «høy»: BankID, Buypass ID, Commfides.
  case high = "idporten-loa-high"

  /// Accepts `substantial`/`high` and the acr values themselves.
  public init?(name: String) {
    switch name {
    case "substantial", "idporten-loa-substantial", "level3", "Level3": self = .substantial
    case "high", "idporten-loa-high", "level4", "Level4": self = .high
    default: return nil
    }
  }

  /// The level as a number: 3 or 4.
  public var number: Int { self == .substantial ? 3 : 4 }

  /// Whether `lhs` is the lower level.
  public static func < (lhs: SecurityLevel, rhs: SecurityLevel) -> Bool { lhs.number < rhs.number }
}

/// A service (an OpenID Connect client) that people log in to, and the level it requires.
public struct Service: Sendable, Equatable {
  /// The OpenID Connect client id, unique in the store.
  public let clientID: String
  /// The name people recognise.
  public let name: String
  /// The level a login must reach.
  public let level: SecurityLevel
  /// When it was added.
  public let createdAt: Timestamp

  /// A service with these fields.
  public init(clientID: String, name: String, level: SecurityLevel, createdAt: Timestamp) {
    self.clientID = clientID
    self.name = name
    self.level = level
    self.createdAt = createdAt
  }
}

/// Refusals about services.
public enum ServiceError: MinIDError, Equatable {
  case notFound(String)
  case exists(String)
  case invalidClientID
  /// The service needs level 4, which MinID (level 3) cannot give.
  case needsLevel4(service: String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .notFound: "service_not_found"
    case .exists: "service_exists"
    case .invalidClientID: "invalid_client_id"
    case .needsLevel4: "level_too_low"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .notFound: .notFound
    case .exists: .conflict
    case .invalidClientID: .invalidInput
    case .needsLevel4: .refused
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .notFound(let id): "no service has client id '\(id)'"
    case .exists(let id): "a service with client id '\(id)' exists already"
    case .invalidClientID: "client-id: 1 to 100 characters of letters, digits and -_.:/"
    case .needsLevel4(let name):
      "\(name) needs security level 4 (idporten-loa-high): log in with BankID, Buypass ID or Commfides. "
        + "MinID is level 3 (idporten-loa-substantial) and cannot be used for this service"
    }
  }
}
