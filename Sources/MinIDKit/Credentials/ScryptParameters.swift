/// scrypt's cost parameters, as stored in a PHC string (`ln` is log2 of N).
public struct ScryptParameters: Sendable, Hashable, CustomStringConvertible {
  /// log2 of N, the CPU and memory cost.
  public let ln: Int
  /// The block size.
  public let r: Int
  /// The parallelism.
  public let p: Int

  /// OWASP's and decisions §2's choice: N = 2^17, r = 8, p = 1 (about 128 MiB and half a second).
  public static let recommended = ScryptParameters(uncheckedLn: 17, r: 8, p: 1)

  /// The lowest cost a production store accepts for new hashes.
  public static let productionMinimumLn = 17

  /// A test store's default: N = 2^10 (1 MiB, about a millisecond), so that `testuser create --count 100`
  /// takes a fraction of a second rather than a minute. A test store holds only synthetic people, so the
  /// hash guards nothing an attacker wants; a production store keeps ``recommended``.
  public static let testDefault = ScryptParameters(uncheckedLn: 10, r: 8, p: 1)

  /// The default cost of a new store of `environment`: ``testDefault`` for a test store, ``recommended``
  /// for a production one.
  public static func defaultFor(_ environment: StoreEnvironment) -> ScryptParameters {
    environment == .test ? testDefault : recommended
  }

  /// Bounds on parameters read from a stored or imported hash, checked before any memory is committed: a
  /// hostile PHC string must not be able to make minid allocate gigabytes or run for minutes.
  public static let lnRange = 10...20
  /// The block sizes accepted from a stored hash.
  public static let rRange = 1...32
  /// The parallelism accepted from a stored hash.
  public static let pRange = 1...16
  /// The memory OpenSSL may use (`maxmem_bytes`); scrypt needs 128·r·(N + p + 2) bytes, a little over 128 MiB
  /// for the recommended parameters, so the limit must be set explicitly.
  public static let maximumMemory: UInt64 = 1 << 30

  init(uncheckedLn ln: Int, r: Int, p: Int) {
    self.ln = ln
    self.r = r
    self.p = p
  }

  /// Parameters within the bounds, or nil.
  public init?(ln: Int, r: Int, p: Int) {
    guard Self.lnRange.contains(ln), Self.rRange.contains(r), Self.pRange.contains(p) else { return nil }
    let parameters = ScryptParameters(uncheckedLn: ln, r: r, p: p)
    guard parameters.memoryBytes <= Self.maximumMemory else { return nil }
    self = parameters
  }

  /// Checks parameters read from an imported hash against a production store's own cost: none of ln, r
  /// and p below the store's (a cheaper hash is a weaker one, and the store's cost is its floor), and no
  /// more memory than `maximumMemory`, so one row cannot make every later login of that person slow or
  /// fail. Decisions §2.
  /// - Throws: `PasswordHashError.outsideStoreBounds`.
  public func check(againstStoreFloor floor: ScryptParameters) throws(PasswordHashError) {
    guard ln >= floor.ln, r >= floor.r, p >= floor.p, memoryBytes <= Self.maximumMemory else {
      throw .outsideStoreBounds(found: self, floor: floor)
    }
  }

  /// N, 2^ln.
  public var n: UInt64 { 1 << UInt64(ln) }

  /// What OpenSSL's memory check counts: B (128·r·p) plus V (128·r·(N + 2)).
  public var memoryBytes: UInt64 { 128 * UInt64(r) * UInt64(p) + 128 * UInt64(r) * (n + 2) }

  /// The PHC form of the parameters: `ln=17,r=8,p=1`.
  public var description: String { "ln=\(ln),r=\(r),p=\(p)" }
}
