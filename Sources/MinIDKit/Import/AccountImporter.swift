import Dispatch

/// Import's tuning, shared by the library and the command line.
public enum ImportDefaults {
  /// Rows per transaction. Large enough that a batch touches each page of the random-keyed indexes
  /// (identity number, e-mail) several times per commit, small enough that the write lock is held for well
  /// under a second. Measured: 10,000 and 50,000 are both slower at a million rows.
  public static let batchSize = 25_000
  /// Rows per INSERT statement: enough to spread a statement's fixed cost, few enough to stay far below
  /// SQLite's and PostgreSQL's limits on bound values.
  static let rowsPerStatement = 32
}

/// Slots the validation threads fill, each thread its own indices: raw memory, so two threads writing
/// different slots never touch a shared array header.
private final class ResultsBox: @unchecked Sendable {
  let slots: UnsafeMutableBufferPointer<Result<ValidatedRow, ImportProblem>?>
  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil)
  }
  deinit {
    slots.deinitialize()
    slots.deallocate()
  }
}

/// What an import did (or, dry, would do).
public struct ImportSummary: Sendable, Equatable, Encodable {
  /// Rows read.
  public var rows = 0
  /// Accounts made.
  public var imported = 0
  /// Of those, accounts made active (with a password hash), not waiting for a letter.
  public var activated = 0
  /// Rows whose identity number already has an account: left as they are.
  public var conflicts = 0
  /// Rows refused by a rule, each reported as an `ImportProblem`.
  public var failed = 0
  /// Whether everything was rolled back at the end (`--dry-run`).
  public var dryRun = false
}

/// The import entry's detail ("kind tenor; state active"), built once per kind and state rather than per
/// row.
private struct ImportEntryDetails {
  private var built: [(kind: IdentityNumberKind, state: AccountState, text: String)] = []

  mutating func text(kind: IdentityNumberKind, state: AccountState) -> String {
    if let found = built.first(where: { $0.kind == kind && $0.state == state }) { return found.text }
    let text = "kind \(kind.rawValue); state \(state.rawValue)"
    built.append((kind, state, text))
    return text
  }
}

/// A row that passed every check and waits for its batch.
struct ValidatedRow {
  let line: Int
  let number: IdentityNumber
  let phone: PhoneNumber
  let email: EmailAddress
  let address: PostalAddress
  /// The account's state, block reason and (checked, PHC) hash, from the row's state columns.
  let state: ImportedState
  /// Computed while checking, on both cores, rather than in the single writing thread.
  let pseudonym: String
  /// The activation letter of a row without a password hash, made while checking too.
  let letter: ImportLetter?
}

/// The parts of an imported person's activation letter that cost the writer most: a new code, its keyed
/// hash and the one-line recipient.
struct ImportLetter {
  let code: ActivationCode
  let codeHash: [UInt8]
  let recipient: String
}

extension AccountService {
  /// Imports accounts: each row checked with registration's rules (plus a PHC scrypt `password_hash`, whose
  /// rows become active without a letter), written in batches of `batchSize` rows, one transaction
  /// each, while the following rows are read and checked on another thread. A row whose person already has
  /// an account is a conflict, never a duplicate, so a file can be run again. With `dryRun` everything
  /// happens in one transaction that is rolled back: the report is exactly a real run's.
  ///
  /// - Parameters:
  ///   - source: calls its argument once per record read, in order; records are not kept. It runs on
  ///     another thread, while this call waits.
  ///   - report: called for every problem, in line order.
  ///   - progress: called after each batch.
  ///   - letterSent: called for each activation letter sent, with its code, in a test store and not in a
  ///     dry run only.
  /// - Throws: `ImportInterruptedError` if a batch's transaction failed half-way in a way the store would
  ///   retry: rows already read cannot be read again, and the batches before it are committed.
  public func importAccounts(
    dryRun: Bool, batchSize: Int = ImportDefaults.batchSize, caseReference: String? = nil,
    source: ((Result<ImportRecord, ImportProblem>) throws -> Void) throws -> Void,
    report: (ImportProblem) -> Void, progress: (ImportSummary) -> Void = { _ in },
    letterSent: (ImportedLetter) -> Void = { _ in }
  ) throws -> ImportSummary {
    let caseReference = try CaseReference.check(caseReference)
    var summary = ImportSummary()
    summary.dryRun = dryRun
    let service = self
    var details = ImportEntryDetails()
    // The first line of each identity number in this file: a number that comes again is a mistake in the
    // file ("duplicate of line N"), not a person who already had an account.
    var firstLines: [String: Int] = [:]

    func insert(_ chunk: ImportChunk, into transaction: any StoreTransaction, audit: inout AuditAppender)
      throws
    {
      let now = time.timestamp
      var problems = chunk.problems
      summary.rows += chunk.lines
      summary.failed += chunk.problems.count
      // A number that came earlier in this file is a mistake in the file, reported by its first line.
      var rows: [ValidatedRow] = []
      rows.reserveCapacity(chunk.rows.count)
      for row in chunk.rows {
        if let first = firstLines[row.number.digits] {
          summary.failed += 1
          problems.append(
            ImportProblem(
              line: row.line, field: "pid", code: "duplicate_in_file", message: "duplicate of line \(first)"))
        } else {
          firstLines[row.number.digits] = row.line
          rows.append(row)
        }
      }
      let validityDays = settings.letterValidityDays
      let expiresAt = now.adding(days: validityDays)
      // A chunk goes in table by table, a few statements each (or a COPY), all in the batch's transaction;
      // the rows' audit entries then follow one another in line order: each import, then its letter.
      var accounts = rows.map { row in
        Account(
          id: 0, pid: row.number.digits, pseudonym: row.pseudonym, kind: row.number.kind,
          phone: row.phone, email: row.email, address: row.address.text,
          storedState: row.state.stored, blockReason: row.state.blockReason,
          passwordHash: row.state.passwordHash, createdAt: now, updatedAt: now,
          activatedAt: row.state.passwordHash == nil ? nil : now)
      }
      let ids = try transaction.insertAccountsIfAbsent(accounts)
      var letters: [LetterDraft] = []
      var lettered: [(line: Int, accountID: Int64, code: ActivationCode)] = []
      for (offset, row) in rows.enumerated() {
        guard let id = ids[offset] else {
          summary.conflicts += 1
          problems.append(
            ImportProblem(
              line: row.line, field: "pid", code: "account_exists",
              message: "this person already has an account"))
          continue
        }
        accounts[offset].id = id
        summary.imported += 1
        if let caseReference {
          try transaction.addCaseReference(accountID: id, reference: caseReference, at: now)
        }
        guard let letter = row.letter else {
          if accounts[offset].storedState == .active { summary.activated += 1 }
          continue
        }
        letters.append(
          LetterDraft(
            accountID: id, address: row.address.text, recipient: letter.recipient, code: letter.code,
            codeHash: letter.codeHash, expiresAt: expiresAt))
        lettered.append((row.line, id, letter.code))
      }
      let sentLetters = try transaction.insertLetters(letters, at: now)
      var sent = sentLetters[...]
      var drafts: [AuditDraft] = []
      drafts.reserveCapacity(rows.count + letters.count)
      for (offset, row) in rows.enumerated() where ids[offset] != nil {
        let account = accounts[offset]
        drafts.append(
          AuditDraft(
            actor: actor, action: .accountImport, about: account, caseReference: caseReference,
            detail: details.text(kind: row.number.kind, state: account.storedState)))
        if row.letter != nil, let (letterID, outboxID) = sent.popFirst() {
          drafts.append(
            letterSentEntry(
              about: account, letterID: letterID, outboxID: outboxID, validityDays: validityDays,
              caseReference: caseReference))
        }
      }
      try audit.append(contentsOf: drafts, at: now)
      // A test store shows the codes, as registration does; a production store never.
      if !dryRun, settings.environment == .test {
        for (letter, (_, outboxID)) in zip(lettered, sentLetters) {
          letterSent(
            ImportedLetter(
              line: letter.line, accountID: letter.accountID, outboxID: outboxID,
              activationCode: letter.code.formatted))
        }
      }
      if problems.count > chunk.problems.count {
        problems.sort { $0.line < $1.line }
      }
      problems.forEach(report)
    }

    return try withoutActuallyEscaping(source) { source in
      let pipeline = ImportPipeline(batchSize: max(1, batchSize), source: source) {
        service.validateInParallel($0)
      }
      defer { pipeline.finish() }
      var next = try pipeline.next()
      if dryRun {
        return try supportWrite(dryRun: true) { transaction in
          var audit = try AuditAppender(transaction)
          while let chunk = next {
            try insert(chunk, into: transaction, audit: &audit)
            if chunk.endsBatch { progress(summary) }
            pipeline.recycle(chunk)
            next = try pipeline.next()
          }
          return summary
        }
      }
      // Rows stream into each transaction rather than being held for it, so memory stays flat however
      // large a batch is; the price is that a batch cannot be replayed, hence the guard.
      while next != nil {
        var started = false
        let linesBefore = summary.rows
        try store.write { transaction in
          guard !started else { throw ImportInterruptedError(committedLines: linesBefore) }
          started = true
          var audit = try AuditAppender(transaction)
          while let chunk = next {
            try insert(chunk, into: transaction, audit: &audit)
            pipeline.recycle(chunk)
            // The next batch is waited for after this one commits: its read error must not undo this one.
            if chunk.endsBatch { break }
            next = try pipeline.next()
          }
        }
        progress(summary)
        if next != nil { next = try pipeline.next() }
      }
      return summary
    }
  }

  /// Registration's checks for many rows, split between two threads; results keep input order.
  func validateInParallel(_ items: [Result<ImportRecord, ImportProblem>]) -> [Result<
    ValidatedRow, ImportProblem
  >] {
    let box = ResultsBox(count: items.count)
    let halves = items.count >= 256 ? 2 : 1
    let service = UncheckedSendable(value: self)
    let input = UncheckedSendable(value: items)
    DispatchQueue.concurrentPerform(iterations: halves) { half in
      let range = half == 0 ? 0..<(items.count / halves) : (items.count / halves)..<items.count
      for index in range {
        switch input.value[index] {
        case .failure(let problem): box.slots[index] = .failure(problem)
        case .success(let record): box.slots[index] = service.value.validatedRow(record)
        }
      }
    }
    return box.slots.map { $0! }
  }

  /// Registration's checks, in registration's order, for one row.
  func validatedRow(_ record: ImportRecord) -> Result<ValidatedRow, ImportProblem> {
    func problem(_ field: String, _ error: any MinIDError) -> Result<ValidatedRow, ImportProblem> {
      .failure(ImportProblem(line: record.line, field: field, code: error.code, message: error.message))
    }
    for column in ImportColumns.required where (record.values[column] ?? "").isEmpty {
      return .failure(
        ImportProblem(
          line: record.line, field: column, code: "missing_field", message: "\(column): is missing or empty"))
    }
    let number: IdentityNumber
    do {
      number = try eligibleNumber(record.values["pid"]!)
    } catch let error as any MinIDError {
      return problem("pid", error)
    } catch {
      return .failure(
        ImportProblem(line: record.line, field: "pid", code: "invalid", message: "pid: invalid"))
    }
    let phone: PhoneNumber
    let email: EmailAddress
    let address: PostalAddress
    do { phone = try PhoneNumber(record.values["phone"]!) } catch { return problem("phone", error) }
    do { email = try EmailAddress(record.values["email"]!) } catch { return problem("email", error) }
    do { address = try PostalAddress(record.values["address"]!) } catch { return problem("address", error) }
    var hash: String?
    if let text = record.values["password_hash"], !text.isEmpty {
      do {
        let parsed = try PasswordHash(phc: text)
        if store.settings.environment == .production {
          try parsed.parameters.check(againstStoreFloor: store.settings.scrypt)
        }
        hash = parsed.phc
      } catch { return problem("password_hash", error) }
    }
    let state: ImportedState
    switch ImportedState.of(record, hash: hash) {
    case .success(let found): state = found
    case .failure(let refused): return .failure(refused)
    }
    return .success(
      ValidatedRow(
        line: record.line, number: number, phone: phone, email: email, address: address, state: state,
        pseudonym: Account.newPseudonym(random: random),
        letter: state.sendsLetter ? importLetter(to: address) : nil))
  }

  /// A new code for an imported person's letter, with its hash and the letter's recipient.
  private func importLetter(to address: PostalAddress) -> ImportLetter {
    let code = ActivationCode(random: random)
    return ImportLetter(
      code: code, codeHash: code.hash(key: store.secrets.codeKey), recipient: address.singleLine)
  }

  /// Streams accounts for `account export`, oldest first.
  public func exportAccounts(state: AccountState?, _ body: (Account) throws -> Void) throws {
    let stored: AccountState? = state == .temporarilyLocked ? nil : state
    let now = time.timestamp
    try store.read { transaction in
      try transaction.forEachAccount(storedState: stored) { account in
        if state == nil || account.state(at: now) == state { try body(account) }
        return true
      }
    }
  }
}
