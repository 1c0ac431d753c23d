package p

func F() {
	s := "ÿþ"
	_ = s // Ã(
}
