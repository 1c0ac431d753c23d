
""
* 2x2alloc_space2bytes2main.f2main.go