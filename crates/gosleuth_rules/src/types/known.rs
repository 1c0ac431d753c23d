//! Result types of well-known functions and methods, for the packages whose
//! values the rules care about. Types use canonical package ids (`gzip`,
//! `s2`); decompressors without an exported type get a pseudo type named
//! `<pkg>.decompressor`.

/// (function or `Type.Method`, results separated by `, `).
const SIGNATURES: &[(&str, &str)] = &[
    // io
    ("io.ReadAll", "[]byte, error"),
    ("io.Pipe", "*io.PipeReader, *io.PipeWriter"),
    ("io.LimitReader", "io.Reader"),
    ("io.MultiReader", "io.Reader"),
    ("io.NopCloser", "io.ReadCloser"),
    ("io.TeeReader", "io.Reader"),
    ("ioutil.ReadAll", "[]byte, error"),
    ("ioutil.ReadFile", "[]byte, error"),
    // bufio
    ("bufio.NewReader", "*bufio.Reader"),
    ("bufio.NewReaderSize", "*bufio.Reader"),
    ("bufio.NewWriter", "*bufio.Writer"),
    ("bufio.NewWriterSize", "*bufio.Writer"),
    ("bufio.NewScanner", "*bufio.Scanner"),
    ("bufio.NewReadWriter", "*bufio.ReadWriter"),
    // bytes, strings
    ("bytes.NewBuffer", "*bytes.Buffer"),
    ("bytes.NewBufferString", "*bytes.Buffer"),
    ("bytes.NewReader", "*bytes.Reader"),
    ("bytes.Buffer.Bytes", "[]byte"),
    ("bytes.Buffer.String", "string"),
    ("bytes.Split", "[][]byte"),
    ("bytes.Fields", "[][]byte"),
    ("strings.NewReader", "*strings.Reader"),
    ("strings.Split", "[]string"),
    ("strings.SplitN", "[]string"),
    ("strings.Fields", "[]string"),
    ("strings.Builder.String", "string"),
    // fmt, strconv
    ("fmt.Sprintf", "string"),
    ("fmt.Sprint", "string"),
    ("fmt.Sprintln", "string"),
    ("fmt.Errorf", "error"),
    ("fmt.Appendf", "[]byte"),
    ("fmt.Append", "[]byte"),
    ("strconv.Itoa", "string"),
    ("strconv.FormatInt", "string"),
    ("strconv.FormatUint", "string"),
    // sync
    ("sync.Pool.Get", "any"),
    // os
    ("os.Open", "*os.File, error"),
    ("os.Create", "*os.File, error"),
    ("os.OpenFile", "*os.File, error"),
    ("os.CreateTemp", "*os.File, error"),
    ("os.ReadFile", "[]byte, error"),
    ("os.Pipe", "*os.File, *os.File, error"),
    // net
    ("net.Dial", "net.Conn, error"),
    ("net.DialTimeout", "net.Conn, error"),
    ("net.DialTCP", "*net.TCPConn, error"),
    ("net.DialUDP", "*net.UDPConn, error"),
    ("net.Dialer.Dial", "net.Conn, error"),
    ("net.Dialer.DialContext", "net.Conn, error"),
    ("net.Listen", "net.Listener, error"),
    ("net.ListenTCP", "*net.TCPListener, error"),
    ("net.ListenPacket", "net.PacketConn, error"),
    ("net.Listener.Accept", "net.Conn, error"),
    ("net.TCPListener.Accept", "net.Conn, error"),
    ("net.TCPListener.AcceptTCP", "*net.TCPConn, error"),
    ("tls.Dial", "*tls.Conn, error"),
    ("tls.DialWithDialer", "*tls.Conn, error"),
    ("tls.Client", "*tls.Conn"),
    ("tls.Server", "*tls.Conn"),
    ("tls.Listen", "net.Listener, error"),
    // net/http
    ("http.Get", "*http.Response, error"),
    ("http.Post", "*http.Response, error"),
    ("http.Head", "*http.Response, error"),
    ("http.PostForm", "*http.Response, error"),
    ("http.Client.Do", "*http.Response, error"),
    ("http.Client.Get", "*http.Response, error"),
    ("http.Client.Post", "*http.Response, error"),
    ("http.NewRequest", "*http.Request, error"),
    ("http.NewRequestWithContext", "*http.Request, error"),
    ("http.MaxBytesReader", "io.ReadCloser"),
    ("http.Hijacker.Hijack", "net.Conn, *bufio.ReadWriter, error"),
    // compression
    ("gzip.NewReader", "*gzip.Reader, error"),
    ("gzip.NewWriter", "*gzip.Writer"),
    ("gzip.NewWriterLevel", "*gzip.Writer, error"),
    ("flate.NewReader", "flate.decompressor"),
    ("flate.NewReaderDict", "flate.decompressor"),
    ("flate.NewWriter", "*flate.Writer, error"),
    ("zlib.NewReader", "zlib.decompressor, error"),
    ("zlib.NewReaderDict", "zlib.decompressor, error"),
    ("zlib.NewWriter", "*zlib.Writer"),
    ("lzw.NewReader", "lzw.decompressor"),
    ("bzip2.NewReader", "bzip2.decompressor"),
    ("s2.NewReader", "*s2.Reader"),
    ("s2.NewWriter", "*s2.Writer"),
    ("s2.MaxEncodedLen", "int"),
    ("s2.Encode", "[]byte"),
    ("s2.EncodeBetter", "[]byte"),
    ("s2.EncodeBest", "[]byte"),
    ("s2.Decode", "[]byte, error"),
    ("snappy.NewReader", "*snappy.Reader"),
    ("snappy.NewBufferedWriter", "*snappy.Writer"),
    ("snappy.NewWriter", "*snappy.Writer"),
    ("snappy.MaxEncodedLen", "int"),
    ("snappy.Encode", "[]byte"),
    ("snappy.Decode", "[]byte, error"),
    ("zstd.NewReader", "*zstd.Decoder, error"),
    ("zstd.NewWriter", "*zstd.Encoder, error"),
    ("zstd.Encoder.MaxEncodedSize", "int"),
    ("zstd.Encoder.EncodeAll", "[]byte"),
    ("zstd.Decoder.DecodeAll", "[]byte, error"),
    ("lz4.NewReader", "*lz4.Reader"),
    ("lz4.NewWriter", "*lz4.Writer"),
    ("lz4.CompressBlockBound", "int"),
    // encoding/json
    ("json.NewDecoder", "*json.Decoder"),
    ("json.NewEncoder", "*json.Encoder"),
    ("json.Marshal", "[]byte, error"),
    ("json.MarshalIndent", "[]byte, error"),
    // time, context
    ("time.After", "<-chan time.Time"),
    ("time.Tick", "<-chan time.Time"),
    ("time.NewTimer", "*time.Timer"),
    ("time.NewTicker", "*time.Ticker"),
    ("time.AfterFunc", "*time.Timer"),
    ("time.Now", "time.Time"),
    ("time.Since", "time.Duration"),
    ("context.Background", "context.Context"),
    ("context.TODO", "context.Context"),
    ("context.WithCancel", "context.Context, context.CancelFunc"),
    ("context.WithTimeout", "context.Context, context.CancelFunc"),
    (
        "context.WithDeadline",
        "context.Context, context.CancelFunc",
    ),
    ("context.Context.Done", "<-chan struct{}"),
    // gorilla/websocket
    ("websocket.Upgrader.Upgrade", "*websocket.Conn, error"),
    (
        "websocket.Dialer.Dial",
        "*websocket.Conn, *http.Response, error",
    ),
    (
        "websocket.Dialer.DialContext",
        "*websocket.Conn, *http.Response, error",
    ),
    ("websocket.Conn.NextReader", "int, io.Reader, error"),
    ("websocket.Conn.NextWriter", "io.WriteCloser, error"),
    ("websocket.Conn.ReadMessage", "int, []byte, error"),
    // nats.go
    ("nats.Connect", "*nats.Conn, error"),
    ("nats.Conn.Subscribe", "*nats.Subscription, error"),
    ("nats.Conn.SubscribeSync", "*nats.Subscription, error"),
    ("nats.Conn.QueueSubscribe", "*nats.Subscription, error"),
    ("nats.Conn.ChanSubscribe", "*nats.Subscription, error"),
    ("nats.Conn.JetStream", "nats.JetStreamContext, error"),
    ("nats.Conn.Request", "*nats.Msg, error"),
    // database/sql
    ("sql.Open", "*sql.DB, error"),
    ("sql.DB.Query", "*sql.Rows, error"),
    ("sql.DB.QueryContext", "*sql.Rows, error"),
    ("exec.Command", "*exec.Cmd"),
];

/// Fields of well-known struct types.
const FIELDS: &[(&str, &str)] = &[
    ("http.Request.Body", "io.ReadCloser"),
    ("http.Response.Body", "io.ReadCloser"),
    ("time.Timer.C", "<-chan time.Time"),
    ("time.Ticker.C", "<-chan time.Time"),
    ("nats.Msg.Data", "[]byte"),
];

/// The result types of `name` (`gzip.NewReader`, `bufio.Writer.Flush`).
pub(crate) fn results(name: &str) -> Option<Vec<&'static str>> {
    SIGNATURES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, r)| r.split(", ").collect())
}

/// The type of field `field` of the well-known struct `ty` (`http.Request`).
pub(crate) fn field(ty: &str, field: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .find(|(n, _)| n.strip_prefix(ty).and_then(|r| r.strip_prefix('.')) == Some(field))
        .map(|(_, t)| *t)
}

/// Types whose values read decompressed data.
pub(crate) fn is_decompressor(ty: &str) -> bool {
    matches!(
        ty.trim_start_matches('*'),
        "gzip.Reader"
            | "flate.decompressor"
            | "zlib.decompressor"
            | "lzw.decompressor"
            | "bzip2.decompressor"
            | "s2.Reader"
            | "snappy.Reader"
            | "zstd.Decoder"
            | "lz4.Reader"
    )
}

/// Types that hold an OS resource (socket, file, background goroutines)
/// until closed.
pub(crate) fn is_closer(ty: &str) -> bool {
    matches!(
        ty,
        "net.Conn"
            | "*net.TCPConn"
            | "*net.UDPConn"
            | "*net.UnixConn"
            | "net.PacketConn"
            | "net.Listener"
            | "*net.TCPListener"
            | "*tls.Conn"
            | "*os.File"
            | "*websocket.Conn"
            | "*nats.Conn"
            | "*zstd.Decoder"
            | "*zstd.Encoder"
            | "*sql.Rows"
            | "*sql.DB"
    )
}

/// Types whose values are network connections (reads and writes block on
/// the peer).
pub(crate) fn is_conn(ty: &str) -> bool {
    matches!(
        ty,
        "net.Conn" | "*net.TCPConn" | "*net.UnixConn" | "*tls.Conn" | "*websocket.Conn"
    )
}
