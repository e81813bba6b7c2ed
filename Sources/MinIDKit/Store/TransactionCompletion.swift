/// How a write transaction ends, decided by its body (GRDB's `TransactionCompletion`): a dry run does every
/// check and write and then ends in `.rollback`, returning its result as a value rather than throwing it.
public enum TransactionCompletion: Sendable, Equatable {
  /// Keep the transaction's writes.
  case commit
  /// Undo them; the body's result is still returned.
  case rollback
}
