//! Plain data extracted from Go source: no tree-sitter types survive parsing.

use std::path::PathBuf;

/// An inclusive range of 1-based source lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First line (1-based).
    pub start: u32,
    /// Last line (1-based, inclusive).
    pub end: u32,
}

impl Span {
    /// Whether `line` lies within the span.
    #[must_use]
    pub fn contains(&self, line: u32) -> bool {
        self.start <= line && line <= self.end
    }

    /// Number of lines covered.
    #[must_use]
    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.start) + 1
    }

    /// Always false: a span covers at least one line.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// One import of a Go file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The import path, e.g. `compress/flate`.
    pub path: String,
    /// The explicit alias (`_`, `.` or a name), if any.
    pub alias: Option<String>,
    /// Line of the import spec.
    pub line: u32,
}

/// What kind of function an entry of [`FileIndex::functions`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FuncKind {
    /// A top-level `func F(...)`.
    Function,
    /// A method `func (r T) M(...)`.
    Method,
    /// A function literal (closure), named `outer.funcN` or `outer.N`.
    Literal,
    /// A wrapper the compiler (Go ≥ 1.22) generates for `go f(x)`: `outer.gowrapN`.
    GoWrap,
    /// A wrapper the compiler (Go ≥ 1.22) generates for `defer f(x)`: `outer.deferwrapN`.
    DeferWrap,
}

/// The receiver of a method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receiver {
    /// The receiver's base type name without type arguments, e.g. `client`.
    pub type_name: String,
    /// Whether the receiver is a pointer (`*T`).
    pub pointer: bool,
}

/// A function, method, function literal or go/defer wrapper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// The symbol as current Go (≥ 1.21) names it, without the package path and
    /// without type arguments: `(*client).readLoop`, `init.func9`, `F.func1.2`.
    pub name: String,
    /// The symbol as Go ≤ 1.19 names it, when different from [`Function::name`]
    /// (`glob..func3` for package-level literals, renumbered literals where
    /// newer compilers skip statically dead code).
    pub legacy_name: Option<String>,
    /// What this entry is.
    pub kind: FuncKind,
    /// The receiver, for methods.
    pub receiver: Option<Receiver>,
    /// Type parameter names, for generic functions (`[K, V]`).
    pub type_params: Vec<String>,
    /// Line of the `func` keyword: what Go records as the function's start line.
    pub decl_line: u32,
    /// Lines from the `func` keyword to the closing brace.
    pub span: Span,
    /// Lines of the body block, when there is one.
    pub body: Option<Span>,
    /// Index (into the same file's functions) of the enclosing function.
    pub parent: Option<usize>,
    /// Whether the literal sits in code that Go ≥ 1.21 drops before naming
    /// closures (after `return`/`panic`, under a constant-false condition).
    pub dead: bool,
}

/// A package-level variable declaration (one spec, possibly several names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageVar {
    /// Declared names, in order.
    pub names: Vec<String>,
    /// The declared type, as written.
    pub type_text: Option<String>,
    /// The initializer expression list, as written.
    pub init_text: Option<String>,
    /// Lines of the spec.
    pub span: Span,
    /// Indices (into the file's functions) of literals in the initializer.
    pub literals: Vec<usize>,
}

/// A `sync.Pool{New: func...}` composite literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolNew {
    /// What the pool is assigned to: the package var name or the assignment
    /// target as written (`s.pool`), or the struct key when nested.
    pub owner: String,
    /// Index (into the file's functions) of the `New` literal.
    pub literal: usize,
    /// Line of the `sync.Pool` literal.
    pub line: u32,
}

/// Loop flavours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LoopKind {
    /// `for init; cond; post {}`, `for cond {}` or `for {}`.
    For,
    /// `for k, v := range x {}`.
    Range,
}

/// A loop statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loop {
    /// Flavour.
    pub kind: LoopKind,
    /// Lines of the whole statement.
    pub span: Span,
    /// Index of the innermost enclosing function.
    pub func: usize,
    /// Nesting depth among loops of the same function (0 = outermost).
    pub depth: u32,
}

/// A call expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSite {
    /// The callee as written (`c.mu.Lock`, `make`, `fmt.Sprintf`).
    pub callee: String,
    /// Line of the call.
    pub line: u32,
    /// Number of arguments.
    pub args: u32,
    /// Index of the innermost enclosing function (`None` in package-level
    /// var initializers).
    pub func: Option<usize>,
    /// Index (into the file's loops) of the innermost enclosing loop of the
    /// same function.
    pub in_loop: Option<usize>,
}

/// A statement, for mapping a line to its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// Lines of the statement.
    pub span: Span,
    /// Its text; compound statements (if, for, switch…) keep only their header.
    pub text: String,
    /// Index of the innermost enclosing function.
    pub func: usize,
}

/// A problem met while indexing; indexing goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Line where it was met (0 when not tied to a line).
    pub line: u32,
    /// What happened.
    pub message: String,
}

/// Everything indexed about one Go (or Go assembly) file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileIndex {
    /// The file's path as given to the indexer.
    pub path: PathBuf,
    /// The package clause's name.
    pub package: String,
    /// Whether the file takes part in a default `linux/amd64` build (build
    /// constraints and file-name suffixes; `_test.go` files do not).
    pub in_build: bool,
    /// Imports in source order.
    pub imports: Vec<Import>,
    /// Functions, methods, literals and wrappers, in source order of their
    /// `func` keyword (wrappers by their statement).
    pub functions: Vec<Function>,
    /// Package-level variables in source order.
    pub vars: Vec<PackageVar>,
    /// `sync.Pool` literals with a `New` function.
    pub pools: Vec<PoolNew>,
    /// Loops in source order.
    pub loops: Vec<Loop>,
    /// Calls in source order.
    pub calls: Vec<CallSite>,
    /// Statements in source order (outer before inner).
    pub statements: Vec<Statement>,
    /// `//go:linkname local target` directives: `local` is also known to
    /// profiles as `target` (`internal/poll.runtime_pollWait`).
    pub linknames: Vec<(String, String)>,
    /// Problems met (syntax errors are kept per function).
    pub warnings: Vec<Warning>,
}
