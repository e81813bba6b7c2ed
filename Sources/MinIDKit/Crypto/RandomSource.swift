import CCrypto

#if canImport(Glibc)
  import Glibc
#endif

/// Where secrets get their randomness; injected so tests are deterministic.
public protocol RandomSource: Sendable {
  /// `count` random bytes.
  func bytes(_ count: Int) -> [UInt8]
}

extension RandomSource {
  /// A uniform integer in `0..<upperBound`, by rejection sampling (no modulo bias).
  public func uniform(below upperBound: Int) -> Int {
    precondition(upperBound > 0)
    let bound = UInt64(upperBound)
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let value = bytes(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
      if value < limit { return Int(value % bound) }
    }
  }

  /// `count` characters drawn uniformly from `alphabet`, each as `uniform(below:)` draws it (so a seeded
  /// source gives the same string), but with the bytes for the whole string asked for at once: the system
  /// generator costs about as much per call as per 128 bytes, and a bulk import draws a code per row.
  public func string(count: Int, from alphabet: [Character]) -> String {
    precondition(!alphabet.isEmpty)
    let bound = UInt64(alphabet.count)
    let limit = UInt64.max - UInt64.max % bound
    var pool = bytes(8 * count)
    var next = 0
    var result = ""
    result.reserveCapacity(count * 4)
    var drawn = 0
    while drawn < count {
      if next + 8 > pool.count {
        pool = bytes(8)
        next = 0
      }
      let value = pool.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: next, as: UInt64.self) }
      next += 8
      guard value < limit else { continue }
      result.append(alphabet[Int(value % bound)])
      drawn += 1
    }
    return result
  }
}

/// OpenSSL's CSPRNG (`RAND_bytes`), the source for every real code, salt and key.
public struct SystemRandomSource: RandomSource {
  /// The system's generator; it holds no state of its own.
  public init() {}

  /// `count` bytes from OpenSSL's `RAND_bytes`; stops the process if OpenSSL cannot deliver them, since
  /// no code or key may be made from less.
  public func bytes(_ count: Int) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: count)
    guard count > 0 else { return output }
    let status = output.withUnsafeMutableBytes {
      RAND_bytes($0.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(count))
    }
    // RAND_bytes fails only when the generator cannot be seeded; continuing would hand out weak secrets.
    precondition(status == 1, "OpenSSL's random generator failed")
    return output
  }
}

/// A deterministic source for tests: the same seed gives the same bytes. Never for a real store.
public final class SeededRandomSource: RandomSource, @unchecked Sendable {
  private var generator: SeededRandomNumberGenerator
  private let lock = NSLockLike()

  /// A generator that repeats the same bytes for the same `seed`.
  public init(seed: UInt64) { generator = SeededRandomNumberGenerator(seed: seed) }

  /// The next `count` bytes of the seeded sequence.
  public func bytes(_ count: Int) -> [UInt8] {
    lock.withLock {
      (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }
  }
}

/// A tiny mutex so `SeededRandomSource` can be shared; Foundation's NSLock is avoided in the library core.
final class NSLockLike: @unchecked Sendable {
  private var mutex = pthread_mutex_t()
  init() { pthread_mutex_init(&mutex, nil) }
  deinit { pthread_mutex_destroy(&mutex) }
  func withLock<T>(_ body: () throws -> T) rethrows -> T {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    return try body()
  }
}
