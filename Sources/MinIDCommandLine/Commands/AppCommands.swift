import Foundation
import MinIDKit

/// `minid app`: the MinID app simulated by a device key file (decisions §9): enrol with the activation
/// letter, list and answer the logins that wait for it, and (support) remove a lost phone.
enum AppCommands {
  static var group: CommandSpec {
    CommandSpec(
      "app", abstract: "The MinID app, simulated by a device key file: enrol, approve logins, remove.",
      discussion: """
        A phone is replaced by a P-256 private key in a file the tester holds; the push by polling ('app \
        pending'); the approval by a signature over the login attempt, checked once against the enrolled \
        public key. After the password, an account with a device gets an app approval instead of an SMS \
        code: 'login finish' without a code completes it once approved (amr Minid-APP). The approval waits \
        60 seconds; 'login sms' sends the SMS code instead. See docs/second-factors.md.
        """,
      subcommands: [enroll, pending, approve, reject, remove])
  }

  static let deviceKey = OptionHandle.required(
    "device-key", value: "path", completion: .file,
    help: "The device's private key file, as 'app enroll' wrote it.")
  static let attempt = OptionHandle.required(
    "attempt", value: "id", help: "The login id 'app pending' lists ('login start' printed it).")
  static let deviceKeyOut = OptionHandle.optional(
    "device-key-out", value: "path", completion: .file,
    help: "Where to write the device's private key (default device-key.pem); created new, mode 0600.")

  static var enroll: CommandSpec {
    CommandSpec(
      "enroll", abstract: "Enrol the MinID app with the activation letter's code and a first password.",
      discussion: """
        Does what scanning the activation letter's QR code in the app and choosing a password does: the \
        letter's code is used up (single use, the same lockout and answers as 'account activate'), the \
        password set, and a new P-256 key made; its public half becomes the account's one device, its \
        private half is written only to --device-key-out (created new, mode 0600). Enrolling again (after \
        'account reset' sent a new letter) replaces the old device and tells the person by SMS and e-mail.
        """,
      options: [
        AccountCommands.pidOption, AccountCommands.letterCodeFile.spec, AccountCommands.newPasswordFile.spec,
        deviceKeyOut.spec,
        AccountCommands.json("{account_id, device_id, enrolled_at, device_key_file, replaced_device_id}"),
      ],
      examples: [
        Example(
          description: "Enrol in a CI script",
          command:
            "echo \"$CODE\" | minid app enroll --pid 10915596784 --code-file - --password-file pw.txt --device-key-out phone.pem"
        )
      ],
      usesStore: true, action: runEnroll)
  }

  static var pending: CommandSpec {
    CommandSpec(
      "pending", abstract: "List the logins waiting for this device, as its push would show them.",
      options: [
        deviceKey.spec,
        AccountCommands.json("[{attempt, nonce, service, expires_at, issuer}], oldest first"),
      ],
      examples: [
        Example(description: "What waits", command: "minid app pending --device-key phone.pem --json")
      ],
      usesStore: true, action: runPending)
  }

  static var approve: CommandSpec { answer("approve", abstract: "Approve a waiting login in the app.") }
  static var reject: CommandSpec {
    answer("reject", abstract: "Reject a waiting login in the app: it fails (access_denied to a web client).")
  }

  static func answer(_ name: String, abstract: String) -> CommandSpec {
    CommandSpec(
      name, abstract: abstract,
      discussion: """
        Signs {attempt, nonce, aud (the issuer), decision, iat} with the device key as a compact JWS (ES256, \
        kid the device id) and hands it to the store, which checks it against the enrolled key and lets it \
        act once.
        """,
      options: [deviceKey.spec, attempt.spec, AccountCommands.json("{attempt, decision}")],
      examples: [
        Example(
          description: "Answer the oldest waiting login",
          command:
            "minid app \(name) --device-key phone.pem --attempt \"$(minid app pending --device-key phone.pem --json | jq -r '.[0].attempt')\""
        )
      ],
      usesStore: true, action: { try runAnswer($0, decision: name == "approve" ? .approve : .reject) })
  }

  static var remove: CommandSpec {
    CommandSpec(
      "remove", abstract: "Remove an account's MinID app (a lost phone); logins go back to the SMS code.",
      discussion: "The person is told by SMS and e-mail. See docs/runbook.md, \"Lost phone\".",
      options: [
        AccountCommands.pidOption, AccountCommands.caseOption, SupportCommands.dryRunOption,
        AccountCommands.json("{dry_run, changes, account, letter}: what changed and the account after it"),
      ],
      examples: [
        Example(description: "A lost phone", command: "minid app remove --pid 10915596784 --case CASE-12")
      ],
      usesStore: true, action: runRemove)
  }

  struct EnrollView: Encodable {
    let accountId: Int64
    let deviceId: String
    let enrolledAt: Timestamp
    let deviceKeyFile: String
    let replacedDeviceId: String?

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(accountId, forKey: .accountId)
      try container.encode(deviceId, forKey: .deviceId)
      try container.encode(enrolledAt, forKey: .enrolledAt)
      try container.encode(deviceKeyFile, forKey: .deviceKeyFile)
      try container.encode(replacedDeviceId, forKey: .replacedDeviceId)
    }

    enum CodingKeys: String, CodingKey {
      case accountId, deviceId, enrolledAt, deviceKeyFile, replacedDeviceId
    }
  }

  struct AnswerView: Encodable {
    let attempt: String
    let decision: String
  }

  private static func runEnroll(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let service = try context.accountService(try context.openStore())
    let (code, password) = try AccountCommands.letterCodeAndNewPassword(context)
    let path = invocation[Self.deviceKeyOut] ?? "device-key.pem"
    let key = try DeviceKey.generate(at: context.time.timestamp)
    // The key is on disk before the device is enrolled, so an enrolled device always has its key file;
    // an enrolment that fails takes the file away again.
    try NewFile.write(Array(key.pem.utf8), to: path)
    let enrollment: DeviceEnrollment
    do {
      enrollment = try service.enrollDevice(
        pid: invocation[AccountCommands.pid], code: code.text ?? "", password: password, device: key.publicKey
      )
    } catch {
      unlink(path)
      throw error
    }
    let view = EnrollView(
      accountId: enrollment.account.id, deviceId: enrollment.device.deviceID,
      enrolledAt: enrollment.device.enrolledAt, deviceKeyFile: path,
      replacedDeviceId: enrollment.replaced?.deviceID)
    if context.wantsJSON {
      try context.printJSON(view)
    } else {
      context.console.out(
        "Enrolled the MinID app on account \(view.accountId): device \(view.deviceId), key in \(path).\n"
          + (view.replacedDeviceId.map {
            "It replaces device \($0); the person was told by SMS and e-mail.\n"
          } ?? ""))
    }
    return .success
  }

  static func deviceKey(_ context: CommandContext) throws -> DeviceKey {
    let path = context.invocation[Self.deviceKey]
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError("--device-key \(path): the file cannot be read")
    }
    return try DeviceKey(pem: String(decoding: data, as: UTF8.self))
  }

  private static func runPending(_ context: CommandContext) throws -> ExitCode {
    let key = try deviceKey(context)
    let waiting = try context.accountService(try context.openStore()).pendingApprovals(device: key.publicKey)
    if context.wantsJSON {
      try context.printJSON(waiting)
    } else if waiting.isEmpty {
      context.console.err("No login waits for this device.\n")
    } else {
      context.console.out(
        waiting.map { "\($0.attempt)  \(TerminalText.escaped($0.service))  until \($0.expiresAt.rfc3339)" }
          .joined(separator: "\n") + "\n")
    }
    return .success
  }

  private static func runAnswer(_ context: CommandContext, decision: LoginFactor.Decision) throws -> ExitCode
  {
    let key = try deviceKey(context)
    let service = try context.accountService(try context.openStore())
    let attempt = context.invocation[Self.attempt]
    // As the phone would: the push carried the attempt's nonce; without it there is nothing to answer.
    guard
      let waiting = try service.pendingApprovals(device: key.publicKey).first(where: { $0.attempt == attempt }
      )
    else { throw SecondFactorError.notAnApprovalAttempt }
    let approval = try key.sign(
      AppApproval.Claims(
        attempt: waiting.attempt, nonce: waiting.nonce, aud: waiting.issuer, decision: decision,
        iat: context.time.timestamp.seconds))
    let recorded = try service.decideApproval(approval)
    if context.wantsJSON {
      try context.printJSON(AnswerView(attempt: attempt, decision: recorded.rawValue))
    } else {
      context.console.err(recorded == .approve ? "Approved.\n" : "Rejected.\n")
    }
    return .success
  }

  private static func runRemove(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let result = try context.accountService(try context.openStore()).removeDevice(
      pid: invocation[AccountCommands.pid], caseReference: invocation[AccountCommands.caseReference],
      dryRun: invocation[SupportCommands.dryRun])
    return try SupportCommands.show(result, context, verb: "removed the MinID app from")
  }
}
