#!/usr/bin/env bash
# Regenerates ykgenerate-vectors.csv with Debian's ykgenerate/ykparse (package libyubikey-dev).
# Each line: aes key, private id (uid), usage counter, timestamp low, timestamp high, session use,
# random (as ykparse reports it), and the 32-character modhex token ykgenerate printed.
set -euo pipefail
cd "$(dirname "$0")"
out=ykgenerate-vectors.csv
echo "aeskey,uid,counter,tslow,tshigh,use,random,token" > "$out"
while read -r aes uid counter low high use; do
  token=$(ykgenerate "$aes" "$uid" "$counter" "$low" "$high" "$use")
  random=$(ykparse "$aes" "$token" | sed -n 's/^  random: [0-9]* (0x\([0-9a-f]*\))$/\1/p')
  echo "$aes,$uid,$counter,$low,$high,$use,$random,$token" >> "$out"
done <<'INPUTS'
ecde18dbe76fbd0c33330f1c354871db 8792ebfe26cc 0013 c0a8 00 10
00000000000000000000000000000000 000000000000 0001 0000 00 00
ffffffffffffffffffffffffffffffff ffffffffffff 7fff ffff ff ff
0123456789abcdef0123456789abcdef a1b2c3d4e5f6 0100 1234 56 01
c4422890653076cde73d449b191b416a 33c69e7f249e 0001 13a7 24 00
2b7e151628aed2a6abf7158809cf4f3c 0f0e0d0c0b0a 8005 beef 7a 03
INPUTS
