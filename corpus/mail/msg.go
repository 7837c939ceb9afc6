package mail

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"
)

// Outlook saves a message as an OLE compound file (.msg, [MS-OXMSG]):
// each property a stream named "__substg1.0_" + its tag (property id and
// type), attachments in storages "__attach_version1.0_#N" with their
// data (3701, binary) and file name (3707 long, 3704 short), an attached
// message as a storage 3701000D of its own, and the fixed-size properties
// (the dates) in "__properties_version1.0". ParseMSG reads it into the
// same Message as Parse.

// OLEMagic starts an OLE compound file.
const OLEMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

// LooksMSG reports whether data, an OLE compound file, is an Outlook
// message: it holds property streams of a message.
func LooksMSG(data []byte) bool {
	return bytes.HasPrefix(data, []byte(OLEMagic)) &&
		bytes.Contains(data, []byte("_\x00_\x00s\x00u\x00b\x00s\x00t\x00g\x001\x00.\x000\x00_\x00")) &&
		bytes.Contains(data, []byte("_\x00_\x00p\x00r\x00o\x00p\x00e\x00r\x00t\x00i\x00e\x00s\x00_\x00v\x00e\x00r\x00s\x00i\x00o\x00n\x001\x00.\x000\x00"))
}

// ParseMSG reads the Outlook message in data.
func ParseMSG(data []byte, lim Limits) (m *Message, err error) {
	if lim.MaxDepth <= 0 {
		lim.MaxDepth = DefaultMaxDepth
	}
	if lim.MaxParts <= 0 {
		lim.MaxParts = DefaultMaxParts
	}
	if !LooksMSG(data) {
		return nil, ErrNotMail
	}
	defer func() {
		// mscfb trusts the sector chains it is given; a damaged one can
		// index out of range.
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("%w: %v", ErrDamaged, p)
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	streams := map[string][]byte{} // "storage/…/name" → content
	total := 0
	for n := 0; ; n++ {
		f, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if n > 20*lim.MaxParts+1000 {
			return nil, fmt.Errorf("%w: more than %d entries in the message", ErrTooLarge, 20*lim.MaxParts+1000)
		}
		if f.Size <= 0 || !strings.HasPrefix(f.Name, "__") {
			continue
		}
		total += int(f.Size)
		if f.Size > int64(len(data)) || total > 2*len(data)+(1<<20) {
			return nil, fmt.Errorf("%w: streams larger than the file", ErrDamaged)
		}
		b, err := io.ReadAll(io.LimitReader(f, f.Size))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		streams[strings.Join(append(append([]string{}, f.Path...), f.Name), "/")] = b
	}
	p := &msgParser{streams: streams, lim: lim}
	return p.message("", 1, 32), nil
}

type msgParser struct {
	streams map[string][]byte
	lim     Limits
	parts   int
}

// str returns the string property id of the storage at prefix (Unicode
// or 8-bit).
func (p *msgParser) str(prefix, id string) string {
	if b, ok := p.streams[prefix+"__substg1.0_"+id+"001F"]; ok {
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = binary.LittleEndian.Uint16(b[2*i:])
		}
		return strings.TrimRight(string(utf16.Decode(u)), "\x00")
	}
	if b, ok := p.streams[prefix+"__substg1.0_"+id+"001E"]; ok {
		s, _ := charmap.Windows1252.NewDecoder().Bytes(bytes.TrimRight(b, "\x00"))
		return string(s)
	}
	return ""
}

// date returns the first of the time properties ids (PT_SYSTIME) in the
// fixed-size property stream of the storage at prefix, whose header is
// header bytes long.
func (p *msgParser) date(prefix string, header int, ids ...uint16) time.Time {
	b := p.streams[prefix+"__properties_version1.0"]
	for _, id := range ids {
		for i := header; i+16 <= len(b); i += 16 {
			tag := binary.LittleEndian.Uint32(b[i:])
			if uint16(tag) == 0x0040 && uint16(tag>>16) == id {
				ft := int64(binary.LittleEndian.Uint64(b[i+8:]))
				if ft <= 0 {
					continue
				}
				// FILETIME: 100-ns intervals since 1601-01-01.
				return time.Unix(ft/1e7-11644473600, ft%1e7*100).UTC()
			}
		}
	}
	return time.Time{}
}

// message reads the message stored at prefix ("" for the file's own).
func (p *msgParser) message(prefix string, depth, header int) *Message {
	m := &Message{
		Subject:   p.str(prefix, "0037"),
		To:        p.str(prefix, "0E04"),
		MessageID: p.str(prefix, "1035"),
		Date:      p.date(prefix, header, 0x0039, 0x0E06),
	}
	name, addr := p.str(prefix, "0C1A"), p.str(prefix, "5D01")
	if addr == "" {
		addr = p.str(prefix, "0C1F")
	}
	switch {
	case name != "" && addr != "" && name != addr:
		m.From = name + " <" + addr + ">"
	case addr != "":
		m.From = addr
	default:
		m.From = name
	}
	if body := p.str(prefix, "1000"); strings.TrimSpace(body) != "" {
		m.Body = []byte(body)
	} else if html, ok := p.streams[prefix+"__substg1.0_10130102"]; ok {
		m.Body, m.BodyHTML = html, true
	}
	// Attachments in the order of their storage numbers.
	var storages []string
	seen := map[string]bool{}
	for k := range p.streams {
		if !strings.HasPrefix(k, prefix+"__attach_version1.0_#") {
			continue
		}
		rest := k[len(prefix):]
		s := rest[:strings.IndexByte(rest+"/", '/')]
		if !seen[s] {
			seen[s] = true
			storages = append(storages, s)
		}
	}
	sort.Strings(storages)
	for _, s := range storages {
		p.parts++
		if p.parts > p.lim.MaxParts {
			m.Warnings = append(m.Warnings, fmt.Sprintf("attachments after the first %d skipped", p.lim.MaxParts))
			break
		}
		at := prefix + s + "/"
		fileName := p.str(at, "3707")
		if fileName == "" {
			fileName = p.str(at, "3704")
		}
		if fileName == "" {
			fileName = p.str(at, "3001")
		}
		mt := strings.ToLower(p.str(at, "370E"))
		a := Attachment{ContentType: mt, Data: p.streams[at+"__substg1.0_37010102"]}
		inner := at + "__substg1.0_3701000D/"
		if a.Data == nil && p.hasPrefix(inner) {
			a.ContentType = "message/rfc822"
			if depth < p.lim.MaxDepth {
				a.Message = p.message(inner, depth+1, 24)
				if fileName == "" {
					fileName = a.Message.Subject + ".msg"
				}
			} else {
				m.Warnings = append(m.Warnings, fmt.Sprintf("attached message %s not read: messages nested more than %d deep", fileName, p.lim.MaxDepth))
			}
		}
		if a.Data == nil && a.Message == nil {
			continue // an OLE object or a link: no file
		}
		a.Name = cleanName(fileName, a.ContentType, len(m.Attachments)+1)
		m.Attachments = append(m.Attachments, a)
	}
	return m
}

// hasPrefix reports whether any stream lies under prefix.
func (p *msgParser) hasPrefix(prefix string) bool {
	for k := range p.streams {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}
