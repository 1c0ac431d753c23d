package p

func F() {{{{ (( [[ 
