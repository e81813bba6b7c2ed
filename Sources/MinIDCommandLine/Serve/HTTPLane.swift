/// Which threads answer a route. The two lanes have their own threads and queues, so a burst of slow
/// work (logins hash passwords with scrypt, tokens are signed) never delays discovery or the JWKS.
enum HTTPLane: String, Sendable {
  /// Cheap reads (discovery, JWKS, health): a small pool of its own.
  case fast
  /// Anything that hashes, signs or writes: the `--workers` pool, with a bound on requests queued and
  /// running past which the server answers 429.
  case work
}
