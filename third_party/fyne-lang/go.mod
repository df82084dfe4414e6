// Not a module to build: this go.mod keeps lang.go, a patched file of
// fyne.io/fyne/v2, out of Grendel's module, where go build ./... would
// compile it as a package of Grendel's. See README.md.
module grendel/third_party/fyne-lang

go 1.26.0
