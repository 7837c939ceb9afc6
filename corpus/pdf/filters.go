package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
)

// decodeStream undoes the filters that the stream dictionary d names on
// raw, for the checks that run before the library reads a file. It reads
// every standard general-purpose filter (Flate, LZW, ASCII85, ASCIIHex,
// RunLength, with PNG and TIFF predictors), whether or not the library does,
// and returns at most limit bytes. Filters and parameters given by reference
// are not followed: the library does not follow them in cross-reference
// streams either. On an error it returns what was decoded before it.
func decodeStream(d pdfDict, raw []byte, limit int64) ([]byte, error) {
	var filters []pdfName
	var parms []any
	switch f := d["Filter"].(type) {
	case pdfName:
		filters = []pdfName{f}
		parms = []any{d["DecodeParms"]}
	case []any:
		pa, _ := d["DecodeParms"].([]any)
		for i, x := range f {
			name, _ := x.(pdfName)
			filters = append(filters, name)
			if i < len(pa) {
				parms = append(parms, pa[i])
			} else {
				parms = append(parms, nil)
			}
		}
	}
	data := raw
	for i, f := range filters {
		var err error
		data, err = decodeFilter(f, data, limit)
		if err == nil {
			pd, _ := parms[i].(pdfDict)
			data, err = unpredict(data, pd)
		}
		if err != nil {
			return data, fmt.Errorf("filter %s: %w", f, err)
		}
	}
	if int64(len(data)) > limit {
		data = data[:limit]
	}
	return data, nil
}

var errTooLong = errors.New("decoded data exceeds the limit")

// decodeFilter undoes one filter.
func decodeFilter(name pdfName, data []byte, limit int64) ([]byte, error) {
	switch name {
	case "FlateDecode", "Fl":
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		out, err := readLimited(zr, limit)
		if err == io.ErrUnexpectedEOF {
			err = nil // a stream cut short keeps what it has
		}
		return out, err
	case "ASCII85Decode", "A85":
		clean := make([]byte, 0, len(data))
		for _, c := range data {
			if c == '~' {
				break
			}
			if c >= '!' && c <= 'u' || c == 'z' {
				clean = append(clean, c)
			}
		}
		return readLimited(ascii85.NewDecoder(bytes.NewReader(clean)), limit)
	case "ASCIIHexDecode", "AHx":
		out := make([]byte, 0, len(data)/2+1)
		var hi byte
		odd := false
		for _, c := range data {
			if c == '>' {
				break
			}
			v, ok := unhex(c)
			if !ok {
				continue
			}
			if odd {
				out = append(out, hi<<4|v)
			} else {
				hi = v
			}
			odd = !odd
		}
		if odd {
			out = append(out, hi<<4)
		}
		return out, nil
	case "RunLengthDecode", "RL":
		var out []byte
		for i := 0; i < len(data); {
			n := int(data[i])
			i++
			switch {
			case n == 128:
				return out, nil
			case n < 128:
				end := min(len(data), i+n+1)
				out = append(out, data[i:end]...)
				i = end
			default:
				if i < len(data) {
					out = append(out, bytes.Repeat(data[i:i+1], 257-n)...)
				}
				i++
			}
			if int64(len(out)) > limit {
				return out[:limit], errTooLong
			}
		}
		return out, nil
	case "LZWDecode", "LZW":
		return lzwDecode(data, 1, limit)
	}
	return data, fmt.Errorf("unsupported filter")
}

// readLimited reads r to its end, at most limit bytes.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	out, err := io.ReadAll(io.LimitReader(r, limit+1))
	if int64(len(out)) > limit {
		return out[:limit], errTooLong
	}
	return out, err
}

// lzwDecode undoes PDF's LZW coding (9- to 12-bit codes, most significant
// bit first, 256 clears the table, 257 ends the data); early is the
// EarlyChange parameter (1 by default: codes widen one code early).
func lzwDecode(src []byte, early int, limit int64) ([]byte, error) {
	const clear, eod = 256, 257
	var out []byte
	var table [][]byte // codes 258 and up
	var prev []byte
	width, bits, nbits, pos := 9, uint32(0), 0, 0
	for {
		for nbits < width {
			if pos >= len(src) {
				return out, nil
			}
			bits = bits<<8 | uint32(src[pos])
			pos++
			nbits += 8
		}
		code := int(bits>>(nbits-width)) & (1<<width - 1)
		nbits -= width
		bits &= 1<<nbits - 1
		var entry []byte
		switch {
		case code == clear:
			table, prev, width = table[:0], nil, 9
			continue
		case code == eod:
			return out, nil
		case code < 256:
			entry = []byte{byte(code)}
		case code-258 < len(table):
			entry = table[code-258]
		case code-258 == len(table) && prev != nil:
			entry = append(append([]byte{}, prev...), prev[0])
		default:
			return out, errors.New("bad LZW code")
		}
		out = append(out, entry...)
		if int64(len(out)) > limit {
			return out[:limit], errTooLong
		}
		if prev != nil && len(table) < 4096-258 {
			table = append(table, append(append(make([]byte, 0, len(prev)+1), prev...), entry[0]))
		}
		prev = entry
		if 258+len(table)+early >= 1<<width && width < 12 {
			width++
		}
	}
}

// unpredict undoes a PNG (Predictor 10 to 15) or TIFF (Predictor 2)
// predictor given by the decode parameters pd.
func unpredict(data []byte, pd pdfDict) ([]byte, error) {
	pred, _ := pd["Predictor"].(int64)
	if pred < 2 {
		return data, nil
	}
	columns, colors, bpc := int64(1), int64(1), int64(8)
	if c, ok := pd["Columns"].(int64); ok {
		columns = c
	}
	if c, ok := pd["Colors"].(int64); ok {
		colors = c
	}
	if c, ok := pd["BitsPerComponent"].(int64); ok {
		bpc = c
	}
	if columns < 1 || columns > 1<<20 || colors < 1 || colors > 32 || bpc < 1 || bpc > 16 {
		return data, errors.New("bad predictor parameters")
	}
	bpp := int(max(1, colors*bpc/8))            // bytes per pixel
	rowLen := int((columns*colors*bpc + 7) / 8) // bytes per row
	if pred == 2 {
		if bpc != 8 {
			return data, nil
		}
		out := append([]byte(nil), data...)
		for r := 0; r+rowLen <= len(out); r += rowLen {
			for i := r + bpp; i < r+rowLen; i++ {
				out[i] += out[i-bpp]
			}
		}
		return out, nil
	}
	out := make([]byte, 0, len(data))
	prev := make([]byte, rowLen)
	for len(data) > 0 {
		typ := data[0]
		row := make([]byte, rowLen)
		copy(row, data[1:min(len(data), rowLen+1)])
		data = data[min(len(data), rowLen+1):]
		for i := range row {
			var left, upLeft byte
			if i >= bpp {
				left, upLeft = row[i-bpp], prev[i-bpp]
			}
			switch typ {
			case 1:
				row[i] += left
			case 2:
				row[i] += prev[i]
			case 3:
				row[i] += byte((int(left) + int(prev[i])) / 2)
			case 4:
				row[i] += paeth(left, prev[i], upLeft)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
