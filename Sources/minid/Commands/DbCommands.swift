import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// `minid db`: where the store is and (later) its upkeep.
enum DbCommands {
  static var group: CommandSpec {
    CommandSpec(
      "db", abstract: "Inspect and maintain the store.",
      subcommands: [path])
  }

  static var path: CommandSpec {
    CommandSpec(
      "path", abstract: "Show which store file minid would use, and why.",
      discussion: """
        The store is chosen in this order: --database PATH; MINID_DATABASE; \
        $XDG_DATA_HOME/minid/minid.sqlite (if XDG_DATA_HOME is absolute); \
        $HOME/.local/share/minid/minid.sqlite.
        """,
      options: [OptionSpec("json", help: "Print a JSON object with path, source and exists.")],
      examples: [
        Example(
          description: "Where a CI job's store goes",
          command: "MINID_DATABASE=/tmp/ci/minid.sqlite minid db path --json")
      ],
      usesStore: true,
      action: showPath)
  }

  private static func showPath(_ context: CommandContext) throws -> ExitCode {
    let location = try context.storeLocation()
    let exists = access(location.path, F_OK) == 0
    if context.wantsJSON {
      var writer = JSONWriter()
      writer.beginObject()
      writer.key("path")
      writer.string(location.path)
      writer.key("source")
      writer.string(location.source.rawValue)
      writer.key("exists")
      writer.bool(exists)
      writer.endObject()
      writer.newline()
      context.console.standardOutput.write(writer.bytes)
    } else {
      context.console.out(location.path + "\n")
      context.console.err(
        "(chosen by \(location.source.rawValue); \(exists ? "exists" : "does not exist yet"))\n")
    }
    return .success
  }
}
