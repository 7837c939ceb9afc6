package layoutgen

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Chromium returns the path of a Chromium (or Chrome) binary, or "" when
// none is installed.
func Chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// PrintPDF prints the HTML file htmlPath to pdfPath with headless Chromium,
// without the date and URL header and footer a browser adds.
func PrintPDF(ctx context.Context, chromium, htmlPath, pdfPath string) error {
	profile, err := os.MkdirTemp("", "layoutgen-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(pdfPath)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+profile, "--no-pdf-header-footer", "--print-to-pdf-no-header",
		"--print-to-pdf="+out, "file://"+abs)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium %s: %v: %s", htmlPath, err, strings.TrimSpace(string(msg)))
	}
	if info, err := os.Stat(out); err != nil || info.Size() == 0 {
		return fmt.Errorf("chromium %s: no PDF written", htmlPath)
	}
	return nil
}

// Digest is the SHA-256 of a rendered file's source, as the PDF manifest
// records it.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// FileName is the base name of the layout's file in format ext ("txt",
// "md", "html", "docx", "pdf"); TextExt is the extension of its text form.
func (l Layout) FileName(ext string) string { return l.Name + "." + ext }

// TextExt is "md" for a Markdown layout, else "txt".
func (l Layout) TextExt() string {
	if l.Markdown {
		return "md"
	}
	return "txt"
}
