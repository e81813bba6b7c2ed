import CSystem

#if canImport(Glibc)
  import Glibc
#endif

/// Keeps the process's memory out of core files and away from other processes of the same user: minid
/// holds the store's HMAC keys, private signing keys and, briefly, passwords and codes, and a core file
/// (or a debugger attached by a same-uid process) would carry them off.
public enum CoreDumps {
  /// Sets `RLIMIT_CORE` to 0 (soft and hard, so nothing later in the process raises it) and clears the
  /// dumpable flag (`prctl(PR_SET_DUMPABLE, 0)`), which also stops `ptrace` by unprivileged processes and
  /// makes `/proc/<pid>/` files root's.
  /// - Returns: whether both took effect.
  @discardableResult
  public static func disable() -> Bool {
    var limit = rlimit(rlim_cur: 0, rlim_max: 0)
    let limited = setrlimit(Int32(RLIMIT_CORE.rawValue), &limit) == 0
    let undumpable = minid_set_dumpable(0) == 0
    return limited && undumpable
  }

  /// Whether the process may leave a core file: a core limit above 0, or the dumpable flag set.
  public static var areEnabled: Bool {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_CORE.rawValue), &limit) == 0 else { return true }
    return limit.rlim_cur != 0 || limit.rlim_max != 0 || minid_get_dumpable() != 0
  }
}
