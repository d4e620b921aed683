jz-verify --draw samples/verify/draw-HZ-NZ.csv tests/bad/verify-not-drawn.csv
