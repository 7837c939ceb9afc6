package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	worddoc "github.com/dpa-nl/dpa/corpus/doc"
	"github.com/dpa-nl/dpa/corpus/mail"
)

// E-mail messages saved as files (.eml, and Outlook's .msg) are containers: each attachment
// in a format dpa reads is a document of its own, and so is the message's
// body (which the genre test keeps only when it is agreement-like). A
// document inside a message is addressed by the message's path, "#", and
// the part's place in it:
//
//	mail.eml#attachment/2/Verwerkersovereenkomst.pdf
//	mail.eml#attachment/3/Doorgestuurd.eml#attachment/1/Bijlage 2.pdf
//	mail.eml#body
//
// (the number is the attachment's place among the message's attachments,
// the name its file name, so that the last element reads as the file the
// sender sent). Such paths come from Walk and Discover, work everywhere a
// path does (Open, HashFile, the index, the web page's links), and the
// record's Source.Email says which message the document came from.

// EmailSource is the provenance of a document read from an e-mail message.
type EmailSource struct {
	// File is the path of the message file on the drive.
	File    string    `json:"file"`
	From    string    `json:"from,omitempty"`
	To      string    `json:"to,omitempty"`
	Date    time.Time `json:"date,omitzero"`
	Subject string    `json:"subject,omitempty"`
	// Attachment is the document's file name in the message; "" for the body.
	Attachment string `json:"attachment,omitempty"`
	MessageID  string `json:"message_id,omitempty"`
}

// The separators of a path inside an e-mail message.
const (
	attachmentSep = "#attachment/"
	bodySep       = "#body"
)

// mailExts are the extensions of files Walk opens to list their parts: a
// folder walk reads directory entries only, except for these.
var mailExts = map[string]bool{".eml": true, ".msg": true}

// IsPartPath reports whether path addresses a document inside an e-mail
// message ("mail.eml#attachment/1/x.pdf").
func IsPartPath(path string) bool {
	_, _, ok := SplitPart(path)
	return ok
}

// SplitPart splits a path inside an e-mail message into the message file
// and the part's address in it ("attachment/1/x.pdf", "body"). ok is
// false for a path that is a file of its own.
func SplitPart(path string) (file, part string, ok bool) {
	for i := 0; i < len(path); {
		j := strings.IndexByte(path[i:], '#')
		if j < 0 {
			return "", "", false
		}
		i += j
		rest := path[i:]
		if strings.HasPrefix(rest, attachmentSep) || rest == bodySep || strings.HasPrefix(rest, bodySep+"#") {
			if st, err := os.Stat(path[:i]); err == nil && st.Mode().IsRegular() {
				return path[:i], path[i+1:], true
			}
		}
		i++
	}
	return "", "", false
}

// ContainerOf returns the file on the drive that holds path: the message
// file for a path inside an e-mail, else path itself.
func ContainerOf(path string) string {
	if file, _, ok := SplitPart(path); ok {
		return file
	}
	return path
}

// readMessage reads and parses the message file at path.
func readMessage(path string) (*mail.Message, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, DefaultMaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > DefaultMaxBytes {
		return nil, &FileError{Path: path, Kind: TooLarge, Err: fmt.Errorf("over %d bytes", DefaultMaxBytes)}
	}
	if mail.LooksMSG(data) {
		return mail.ParseMSG(data, mail.Limits{})
	}
	return mail.Parse(data, mail.Limits{})
}

// mailPart is one document found in a message.
type mailPart struct {
	addr string // the part's address ("attachment/1/x.pdf")
	data []byte
	name string
	msg  *mail.Message // the message the part belongs to
}

// mailParts lists the documents of a message: its body, when it has one,
// and its attachments in a format dpa reads, those of attached messages
// in turn (each under its message's address).
func mailParts(msg *mail.Message, prefix string) []mailPart {
	var out []mailPart
	if len(strings.TrimSpace(string(msg.Body))) > 0 {
		name := "body.txt"
		if msg.BodyHTML {
			name = "body.html"
		}
		out = append(out, mailPart{addr: prefix + "body", data: msg.Body, name: name, msg: msg})
	}
	for i, a := range msg.Attachments {
		addr := prefix + "attachment/" + strconv.Itoa(i+1) + "/" + a.Name
		if a.Message != nil {
			out = append(out, mailParts(a.Message, addr+"#")...)
			continue
		}
		if readable(a.Data) {
			out = append(out, mailPart{addr: addr, data: a.Data, name: a.Name, msg: msg})
		}
	}
	return out
}

// readable reports whether data is in a format Open reads (or tries to:
// text), so that spreadsheets and archives attached to a message are not
// listed as documents; nor are images under minImageBytes, the logos of
// mail signatures (a scanned or photographed page is larger).
func readable(data []byte) bool {
	if len(data) == 0 {
		return false
	}
	c := Sniff(data[:min(len(data), SniffLen)])
	if c.Format == FormatImage && len(data) < minImageBytes {
		return false
	}
	if c.Binary && bytes.HasPrefix(data, []byte(oleMagic)) {
		return worddoc.IsWord(data) // a .doc; not a spreadsheet or presentation
	}
	return !c.Binary
}

// minImageBytes is the size below which an attached image is taken for a
// logo or icon, not a page.
const minImageBytes = 16 << 10

// findPart returns the part of the message at address addr.
func findPart(msg *mail.Message, addr string) (mailPart, bool) {
	for _, p := range mailParts(msg, "") {
		if p.addr == addr {
			return p, true
		}
	}
	return mailPart{}, false
}

// expandMail lists the documents of the message file at path as Found
// entries (each with the message's time), or returns false when the file
// is not a message dpa can read: then it is read as a file of its own,
// and Open says what is wrong with it.
func expandMail(path string, size int64, mod time.Time) ([]Found, bool) {
	if !mailExts[strings.ToLower(filepath.Ext(path))] || size > DefaultMaxBytes {
		return nil, false
	}
	msg, err := readMessage(path)
	if err != nil {
		return nil, false
	}
	parts := mailParts(msg, "")
	if len(parts) == 0 {
		return nil, false
	}
	out := make([]Found, len(parts))
	for i, p := range parts {
		out[i] = Found{Path: path + "#" + p.addr, Size: int64(len(p.data)), Modified: mod}
	}
	return out, true
}

// hashPart returns the SHA-256 of the document at a path inside a message.
func hashPart(file, addr string) (string, error) {
	msg, err := readMessage(file)
	if err != nil {
		return "", err
	}
	p, ok := findPart(msg, addr)
	if !ok {
		return "", fmt.Errorf("no part %s in the message", addr)
	}
	sum := sha256.Sum256(p.data)
	return hex.EncodeToString(sum[:]), nil
}

// openPart reads the document at a path inside an e-mail message: the
// part goes to a temporary file (the PDF reader and OCR read files), is
// read there like any file, and comes back under its own path with the
// message as its provenance.
func openPart(ctx context.Context, f File, file, addr string, opts Options) (*Document, error) {
	msg, err := readMessage(file)
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			fe.Path = f.Path
			return nil, fe
		}
		kind := Damaged
		if errors.Is(err, mail.ErrTooLarge) {
			kind = TooLarge
		}
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
			kind = Other
		}
		return nil, &FileError{Path: f.Path, Kind: kind, Err: fmt.Errorf("e-mail message %s: %w", filepath.Base(file), unwrapPathError(err))}
	}
	p, ok := findPart(msg, addr)
	if !ok {
		return nil, &FileError{Path: f.Path, Kind: Other, Err: fmt.Errorf("no longer in the e-mail message %s", filepath.Base(file))}
	}
	tmp, err := os.CreateTemp("", "dpa-part-*"+safeExt(p.name))
	if err != nil {
		return nil, &FileError{Path: f.Path, Kind: Other, Err: err}
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(p.data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, &FileError{Path: f.Path, Kind: Other, Err: err}
	}
	inner := File{Path: tmp.Name(), Paths: []string{tmp.Name()}, SHA256: f.SHA256, Size: int64(len(p.data)), Modified: f.Modified}
	doc, err := Open(ctx, inner, opts)
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			fe.Path = f.Path
		}
		return nil, err
	}
	doc.Source.Path, doc.Source.Paths = f.Path, f.Paths
	if len(doc.Source.Paths) == 0 {
		doc.Source.Paths = []string{f.Path}
	}
	for i, w := range doc.Warnings {
		doc.Warnings[i] = strings.ReplaceAll(w, tmp.Name(), f.Path)
	}
	src := &EmailSource{File: file, From: p.msg.From, To: p.msg.To, Date: p.msg.Date, Subject: p.msg.Subject, MessageID: p.msg.MessageID}
	if !strings.HasSuffix(addr, "body") {
		src.Attachment = p.name
	}
	doc.Source.Email = src
	return doc, nil
}

// safeExt is the extension of an attachment's name, kept for the
// temporary file when it is short and plain.
func safeExt(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if len(ext) > 8 || strings.ContainsAny(ext, "*/\\ ") {
		return ""
	}
	return ext
}

// ReadPart returns the bytes of the document at a path inside an e-mail
// message, as the sender attached it.
func ReadPart(path string) ([]byte, error) {
	file, addr, ok := SplitPart(path)
	if !ok {
		return nil, fmt.Errorf("%s: not a path inside an e-mail message", path)
	}
	msg, err := readMessage(file)
	if err != nil {
		return nil, err
	}
	p, ok := findPart(msg, addr)
	if !ok {
		return nil, fmt.Errorf("%s: no longer in the e-mail message", path)
	}
	return p.data, nil
}
