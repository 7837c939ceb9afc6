// Package mail reads e-mail messages saved as files (.eml, RFC 5322 with
// MIME) into what dpa needs of them: the sender, date and subject that
// are an attachment's provenance, the body as text (or HTML), and every
// attachment with its file name (RFC 2047 and RFC 2231 names decoded) and
// decoded content (base64, quoted-printable). An attached message
// (message/rfc822) is parsed in turn, to a bounded depth.
package mail

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"path"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
)

// Limits bounds the work Parse does for one message. A zero field takes
// its default.
type Limits struct {
	// MaxDepth is how deep attached messages are followed (1: only the
	// message itself).
	MaxDepth int
	// MaxParts is the largest number of MIME parts read in all.
	MaxParts int
	// MaxNesting is the deepest nesting of multipart parts in one message.
	MaxNesting int
}

// The defaults of Limits.
const (
	DefaultMaxDepth   = 4
	DefaultMaxParts   = 500
	DefaultMaxNesting = 32
)

// The reasons Parse fails; test with errors.Is.
var (
	ErrNotMail  = errors.New("not an e-mail message")
	ErrDamaged  = errors.New("damaged e-mail message")
	ErrTooLarge = errors.New("too large")
)

// Message is one e-mail.
type Message struct {
	From, To, Subject, MessageID string
	// Date is the message's date; zero when it has none or it is unreadable.
	Date time.Time
	// Body is the text of the message: its text/plain part in UTF-8, or
	// its text/html part when it has no plain one (BodyHTML).
	Body     []byte
	BodyHTML bool
	// Attachments are the message's files in order, inline images excluded.
	Attachments []Attachment
	// Warnings say what was skipped.
	Warnings []string
}

// Attachment is one file attached to a message.
type Attachment struct {
	// Name is the file name as the sender gave it ("Verwerkersovereenkomst.pdf"),
	// or one made up from the media type when none was given.
	Name        string
	ContentType string
	Data        []byte
	// Message is the attached message, when this attachment is one
	// (message/rfc822) and the depth limit allowed reading it.
	Message *Message
}

// headerKeys are header fields of which at least two must open a file for
// it to be read as an e-mail message.
var headerKeys = []string{"from", "to", "subject", "date", "message-id", "mime-version", "received", "return-path", "content-type", "delivered-to", "reply-to", "cc", "x-mailer", "user-agent", "sender"}

// Looks reports whether head, the start of a file, looks like an e-mail
// message: header fields, of which at least two are ones mail carries,
// and From among them or a MIME-Version.
func Looks(head []byte) bool {
	known, lines := 0, 0
	from := false
	for _, line := range bytes.Split(head, []byte("\n")) {
		line = bytes.TrimRight(line, "\r")
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // a folded line
		}
		lines++
		i := bytes.IndexByte(line, ':')
		if i <= 0 || bytes.ContainsAny(line[:i], " \t") {
			if lines == 1 && bytes.HasPrefix(line, []byte("From ")) {
				continue // an mbox "From " line
			}
			return false
		}
		k := strings.ToLower(string(line[:i]))
		for _, h := range headerKeys {
			if k == h {
				known++
				from = from || k == "from" || k == "mime-version"
			}
		}
		if lines > 200 {
			break
		}
	}
	return known >= 2 && from
}

// Parse reads the message in data.
func Parse(data []byte, lim Limits) (*Message, error) {
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = DefaultMaxDepth
	}
	if lim.MaxParts <= 0 {
		lim.MaxParts = DefaultMaxParts
	}
	if lim.MaxNesting <= 0 {
		lim.MaxNesting = DefaultMaxNesting
	}
	if !Looks(data[:min(len(data), 16<<10)]) {
		return nil, ErrNotMail
	}
	p := &parser{lim: lim}
	return p.message(data, 1)
}

// parser is the state of one Parse call.
type parser struct {
	lim   Limits
	parts int
}

var decoder = &mime.WordDecoder{CharsetReader: charsetReader}

// charsetReader decodes the charsets of RFC 2047 words.
func charsetReader(charset string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(r), nil
}

// decodeHeader decodes the RFC 2047 words of a header value.
func decodeHeader(s string) string {
	if d, err := decoder.DecodeHeader(s); err == nil {
		return d
	}
	return s
}

func (p *parser) message(data []byte, depth int) (*Message, error) {
	data = skipMboxLine(data)
	m, err := netmail.ReadMessage(bufio.NewReader(bytes.NewReader(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	msg := &Message{
		From: decodeHeader(m.Header.Get("From")), To: decodeHeader(m.Header.Get("To")),
		Subject: decodeHeader(m.Header.Get("Subject")), MessageID: strings.TrimSpace(m.Header.Get("Message-Id")),
	}
	if a, err := netmail.ParseAddress(msg.From); err == nil {
		msg.From = a.String()
		if a.Name != "" {
			msg.From = a.Name + " <" + a.Address + ">"
		}
	}
	if d, err := m.Header.Date(); err == nil {
		msg.Date = d
	}
	body, err := io.ReadAll(m.Body)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	var plain, html []byte
	err = p.entity(msg, textproto(m.Header), body, depth, 0, &plain, &html)
	if err != nil {
		return nil, err
	}
	switch {
	case len(bytes.TrimSpace(plain)) > 0:
		msg.Body = plain
	case len(html) > 0:
		msg.Body, msg.BodyHTML = html, true
	}
	return msg, nil
}

// skipMboxLine drops an mbox "From " line before the headers.
func skipMboxLine(data []byte) []byte {
	if bytes.HasPrefix(data, []byte("From ")) {
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			return data[i+1:]
		}
	}
	return data
}

// header is what entity needs of a MIME header.
type header interface {
	Get(key string) string
}

func textproto(h netmail.Header) header { return h }

// entity reads one MIME entity: a multipart's parts in turn, a text body,
// or an attachment.
func (p *parser) entity(msg *Message, h header, body []byte, depth, nesting int, plain, html *[]byte) error {
	p.parts++
	if p.parts > p.lim.MaxParts {
		return fmt.Errorf("%w: more than %d MIME parts", ErrTooLarge, p.lim.MaxParts)
	}
	if nesting > p.lim.MaxNesting {
		return fmt.Errorf("%w: MIME parts nested more than %d deep", ErrTooLarge, p.lim.MaxNesting)
	}
	ct := h.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || ct == "" {
		mt, params = "text/plain", map[string]string{}
		if ct != "" {
			// A broken Content-Type: still try what it starts with.
			if f := strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]); strings.Contains(f, "/") {
				mt = strings.ToLower(f)
			}
		}
	}
	if strings.HasPrefix(mt, "multipart/") {
		boundary := params["boundary"]
		if boundary == "" {
			msg.Warnings = append(msg.Warnings, "a multipart part without a boundary was skipped")
			return nil
		}
		mr := multipart.NewReader(bytes.NewReader(body), boundary)
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				msg.Warnings = append(msg.Warnings, fmt.Sprintf("MIME parts after a damaged one were skipped (%v)", err))
				return nil
			}
			data, err := io.ReadAll(part)
			if err != nil {
				msg.Warnings = append(msg.Warnings, fmt.Sprintf("a damaged MIME part was skipped (%v)", err))
				return nil
			}
			if err := p.entity(msg, part.Header, data, depth, nesting+1, plain, html); err != nil {
				return err
			}
		}
	}
	data := decodeTransfer(h.Get("Content-Transfer-Encoding"), body)
	disp, dparams, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
	name := decodeHeader(dparams["filename"])
	if name == "" {
		name = decodeHeader(params["name"])
	}
	// A part the body shows (inline, or referred to by its Content-ID) is
	// no attachment unless it says it is one.
	isAttachment := disp == "attachment" || name != "" && disp != "inline" && h.Get("Content-Id") == ""
	switch {
	case !isAttachment && mt == "text/plain" && *plain == nil:
		*plain = toUTF8(data, params["charset"])
		return nil
	case !isAttachment && mt == "text/html" && *html == nil:
		*html = toUTF8(data, params["charset"])
		return nil
	case !isAttachment && (strings.HasPrefix(mt, "text/") || strings.HasPrefix(mt, "image/") || disp == "inline" && name == ""):
		return nil // an alternative rendering, or an image in the body
	}
	a := Attachment{Name: cleanName(name, mt, len(msg.Attachments)+1), ContentType: mt, Data: data}
	if mt == "message/rfc822" || mt == "message/global" {
		if depth < p.lim.MaxDepth {
			inner, err := p.message(data, depth+1)
			if err != nil {
				if errors.Is(err, ErrTooLarge) {
					return err
				}
				msg.Warnings = append(msg.Warnings, fmt.Sprintf("attached message %s unreadable: %v", a.Name, err))
			} else {
				a.Message = inner
			}
		} else {
			msg.Warnings = append(msg.Warnings, fmt.Sprintf("attached message %s not read: messages nested more than %d deep", a.Name, p.lim.MaxDepth))
		}
	}
	msg.Attachments = append(msg.Attachments, a)
	return nil
}

// decodeTransfer undoes a Content-Transfer-Encoding; damaged encoded data
// gives what could be decoded.
func decodeTransfer(enc string, body []byte) []byte {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "base64":
		clean := make([]byte, 0, len(body))
		for _, c := range body {
			if c > ' ' {
				clean = append(clean, c)
			}
		}
		clean = bytes.TrimRight(clean, "=")
		out := make([]byte, base64.RawStdEncoding.DecodedLen(len(clean)))
		n, _ := base64.RawStdEncoding.Decode(out, clean)
		return out[:n]
	case "quoted-printable":
		out, _ := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
		return out
	}
	return body
}

// toUTF8 decodes text in its MIME charset; unknown charsets are left as
// they are (the text reader guesses).
func toUTF8(data []byte, charset string) []byte {
	cs := strings.ToLower(strings.TrimSpace(charset))
	if cs == "" || cs == "utf-8" || cs == "us-ascii" || cs == "utf8" {
		return data
	}
	enc, err := htmlindex.Get(cs)
	if err != nil {
		return data
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// extensions names the file of an attachment that has no name.
var extensions = map[string]string{
	"application/pdf": ".pdf", "message/rfc822": ".eml", "text/html": ".html", "text/plain": ".txt",
	"application/msword": ".doc", "application/rtf": ".rtf", "text/rtf": ".rtf", "image/png": ".png", "image/jpeg": ".jpg",
	"image/tiff": ".tif", "application/vnd.oasis.opendocument.text": ".odt",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}

// cleanName makes an attachment's name safe as the last element of a path
// (no folders, no "#", no control characters), or names an unnamed one
// "attachment-N.ext".
func cleanName(name, mt string, n int) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r < ' ' || r == 0x7f:
			return -1
		case r == '/' || r == '\\' || r == '#':
			return '_'
		}
		return r
	}, name)
	name = strings.TrimSpace(path.Base("/" + name))
	if name == "" || name == "/" || name == "." || name == ".." {
		name = fmt.Sprintf("attachment-%d%s", n, extensions[mt])
	}
	if len(name) > 200 {
		name = name[len(name)-200:]
	}
	return name
}
