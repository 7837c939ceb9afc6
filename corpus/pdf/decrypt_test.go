package pdf

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// aes256Doc builds a one-page AES-256 (/V 5 /R 6) encrypted document whose
// user password is password.
func aes256Doc(password, content string) []byte {
	fileKey := bytes.Repeat([]byte{7}, 32)
	vs, ks := []byte("validate"), []byte("keysalt!")
	u := append(append(hash2B([]byte(password), vs, nil), vs...), ks...)
	ue := make([]byte, 32)
	kb, _ := aes.NewCipher(hash2B([]byte(password), ks, nil))
	cipher.NewCBCEncrypter(kb, make([]byte, 16)).CryptBlocks(ue, fileKey)
	fb, _ := aes.NewCipher(fileKey)
	enc := func(plain string) string {
		p := []byte(plain)
		pad := 16 - len(p)%16
		p = append(p, bytes.Repeat([]byte{byte(pad)}, pad)...)
		iv := []byte("0123456789abcdef")
		out := make([]byte, len(p))
		cipher.NewCBCEncrypter(fb, iv).CryptBlocks(out, p)
		return string(iv) + string(out)
	}
	hexOf := func(b []byte) string { return fmt.Sprintf("<%x>", b) }
	f := &pdfFile{trailer: "/Encrypt 6 0 R /Info 7 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"}
	f.add("<< /Type /Catalog /Pages 2 0 R /Lang " + hexOf([]byte(enc("nl-NL"))) + " >>")
	f.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	f.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	data := enc(content)
	f.add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data))
	f.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	f.add(fmt.Sprintf("<< /Filter /Standard /V 5 /R 6 /Length 256 /P -1028 /O %s /U %s /OE %s /UE %s /Perms %s /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >> /StmF /StdCF /StrF /StdCF >>",
		hexOf(bytes.Repeat([]byte{1}, 48)), hexOf(u), hexOf(bytes.Repeat([]byte{2}, 32)), hexOf(ue), hexOf(bytes.Repeat([]byte{3}, 16))))
	f.add("<< /Title (" + strings.NewReplacer("\\", "\\\\", "(", "\\(", ")", "\\)").Replace(enc("Overeenkomst")) + ") >>")
	return f.bytes()
}

func TestAES256(t *testing.T) {
	const content = "BT /F1 10 Tf 72 700 Td (beveiligd) Tj ET"
	res, err := ReadBytes(context.Background(), aes256Doc("", content), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || res.Pages[0].Text != "beveiligd\n" {
		t.Fatalf("got %+v", res.Pages)
	}
	if len(res.Warnings) == 0 {
		t.Error("no warning that the file was decrypted")
	}
	if _, err := ReadBytes(context.Background(), aes256Doc("geheim", content), Limits{}); !errors.Is(err, ErrEncrypted) {
		t.Fatalf("with a user password: got %v, want ErrEncrypted", err)
	}
}

// TestLegacyDecryption decrypts an RC4 128-bit file written by Ghostscript
// (owner password only) with this package's own key derivation, which
// serves the RC4 and AES-128 files the library refuses.
func TestLegacyDecryption(t *testing.T) {
	data, err := os.ReadFile("../../testdata/pdf/rc4-128-no-user-password.pdf")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := decryptFile(data, "", Limits{}.withDefaults())
	if err != nil || plain == nil {
		t.Fatalf("decryptFile: %v (nil copy: %v)", err, plain == nil)
	}
	if bytes.Contains(plain, []byte("/Encrypt")) {
		t.Error("the decrypted copy still names /Encrypt")
	}
	for name, file := range map[string][]byte{"library": data, "decrypted copy": plain} {
		res, err := ReadBytes(context.Background(), file, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := strings.Join(strings.Fields(res.Pages[0].Text), ""); got != "Geheimeafspraak" {
			t.Errorf("%s: got %q", name, res.Pages[0].Text)
		}
	}
	if _, err := decryptFile(data, "fout", Limits{}.withDefaults()); !errors.Is(err, ErrEncrypted) {
		t.Errorf("wrong password: got %v, want ErrEncrypted", err)
	}
}
