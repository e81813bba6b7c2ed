/// What a new store's environment demands of its settings (decisions §3), checked before `init` makes
/// anything: a production store names its issuer (the URL its tokens carry; a test store may use
/// `StoreSettings.defaultTestIssuer`) and hashes passwords at a production cost (scrypt N = 2^17 or more).
public enum NewStorePolicy {
  /// The issuer a new store gets: `given`, normalised, else the test default in a test store.
  /// - Throws: `NewStoreError.issuerRequired` for a production store without one; `StoreError` when
  ///   `given` is not an issuer URL.
  public static func issuer(_ given: String?, for environment: StoreEnvironment) throws -> String {
    if let given { return try StoreSettings.normalizedIssuer(given) }
    guard environment == .test else { throw NewStoreError.issuerRequired }
    return StoreSettings.defaultTestIssuer
  }

  /// The scrypt cost (log2 N) a new store gets: `given`, else the environment's default.
  /// - Throws: `NewStoreError.costTooLow` when a production store is given less than
  ///   `ScryptParameters.productionMinimumLn`.
  public static func scryptCost(_ given: Int?, for environment: StoreEnvironment) throws(NewStoreError) -> Int
  {
    let cost = given ?? ScryptParameters.defaultFor(environment).ln
    if environment == .production, cost < ScryptParameters.productionMinimumLn {
      throw .costTooLow(cost, minimum: ScryptParameters.productionMinimumLn)
    }
    return cost
  }
}

/// A new store's settings break its environment's rule.
public enum NewStoreError: MinIDError, Equatable {
  /// A production store must be given the issuer URL its tokens name.
  case issuerRequired
  /// A production store's scrypt cost (log2 N) is below the minimum.
  case costTooLow(Int, minimum: Int)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .issuerRequired: "issuer_required"
    case .costTooLow: "scrypt_cost_too_low"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .configuration }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .issuerRequired: "a production store needs an issuer: the URL its tokens name as their issuer"
    case .costTooLow(let cost, let minimum):
      "scrypt cost \(cost): a production store needs at least \(minimum)"
    }
  }
}
