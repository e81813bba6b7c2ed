import CCrypto
import CSQLite

/// The versions of the C libraries minid runs on, for `minid --version --verbose` and bug reports.
public enum LibraryVersions {
  /// minid's own version.
  public static let minid = "0.1.0"

  /// The SQLite library linked at run time (not the header's version).
  public static var sqlite: String { String(cString: sqlite3_libversion()) }

  /// OpenSSL's libcrypto as it reports itself at run time.
  public static var openSSL: String { String(cString: OpenSSL_version(Int32(OPENSSL_VERSION))) }
}
