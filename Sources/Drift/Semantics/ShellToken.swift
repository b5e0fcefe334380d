/// One lexical unit of a shell command line: a word, an operator, or a redirection.
struct ShellToken {
    enum Kind: UInt8 {
        case word
        /// `|` or `|&`: the next command reads this one's output.
        case pipe
        /// `&&`, `||`, `;`, `;;`, `&`, newline, `(` and `)`: the next command starts afresh.
        case separator
        /// `(` right after a word: with `)` it makes a function definition `name() ...`.
        case open
        /// A redirection operator with its descriptor digits, if any: `>`, `2>`, `>>`,
        /// `<`, `<<`, `<<-`, `<<<`, `<>`, `>&`, `<&`, `&>`, `&>>`. Its target is the next word.
        case redirect
    }

    var kind: Kind
    /// A word with quotes removed and escapes resolved (`$(...)`, `${...}` and backtick
    /// text stay as written); an operator's own text.
    var text: String
    /// Whether the word began with an unquoted byte (an assignment or keyword needs one).
    var startsUnquoted = true
    /// Command texts of `$(...)`, backticks and `<(...)` in the word, in order, at most 8.
    var substitutions: [String] = []
    /// Whether the word is one process substitution, `<(...)` or `>(...)`.
    var isProcessSubstitution = false
    /// For a `<<` or `<<-` redirection: the here-document body, once its line ended.
    var hereDocument: String?
    /// Set by the walker: a substitution in this word prints what a download fetched.
    var carriesDownload = false

    init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    /// Whether the word looks like an option: `-x`, `--name`, but not `-` alone.
    var isOption: Bool {
        kind == .word && text.utf8.count > 1 && text.utf8.first == 0x2D
    }
}
