import Foundation

/// Defaults of `minid serve` that depend on the machine.
enum ServeDefaults {
  /// Threads of the `.work` lane: two per core (handlers wait on the store as much as they compute), at
  /// least 2.
  static var workers: Int { max(2, 2 * ProcessInfo.processInfo.activeProcessorCount) }
}
