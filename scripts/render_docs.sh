#!/bin/sh
# Render the Word report and the Excel ledger of a fresh seeded board to PDF and PNG with
# LibreOffice, for looking at them and for the README's screenshots. Local only (CI does not
# install LibreOffice). Needs: libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk
# poppler-utils. Usage: scripts/render_docs.sh [KEYWORK_BINARY] [OUT_DIR]
set -eu
bin=${1:-target/debug/keywork}
out=${2:-screenshots}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KEYWORK_CONFIG="$work/config.toml" KEYWORK_AUTHOR=区委督查室 KEYWORK_NOW=2023-10-12T10:00:00+08:00 HOME="$work"
printf 'timezone = "+08:00"\n[report]\noffice = "区委督查室"\n' > "$KEYWORK_CONFIG"
b="$work/board"
"$bin" --board "$b" init > /dev/null
"$bin" --board "$b" set 15 doing > /dev/null
"$bin" --board "$b" note 15.2 "完成邯郸路500弄旧改签约，签约率100%" --ref "沪杨府〔2023〕12号" > /dev/null
"$bin" --board "$b" set 3 behind > /dev/null
"$bin" --board "$b" note 3 "重点区域开发项目前期工作有序推进，各相关部门按照职责分工加强协同配合，确保年底前完成既定目标任务" > /dev/null
"$bin" --board "$b" report --since 2023-10-01 --format docx -o "$work/report.docx" > /dev/null
"$bin" --board "$b" assign 3 --lead 区发展改革委 > /dev/null
"$bin" --board "$b" export --format xlsx -o "$work/ledger.xlsx" > /dev/null
"$bin" --board "$b" assign 15 --lead 区旧改办 > /dev/null
"$bin" --board "$b" export --form --unit 区旧改办 -o "$work/form.xlsx" > /dev/null
(cd "$work" && HOME="$work" libreoffice --headless --convert-to pdf report.docx ledger.xlsx form.xlsx > /dev/null 2>&1)
for doc in report ledger form; do
    pdfinfo "$work/$doc.pdf" | grep '^Pages'
    pdftoppm -png -r 80 -f 1 -l 1 "$work/$doc.pdf" "$work/$doc"
done
mkdir -p "$out"
cp "$work"/report-1.png "$out/report-docx.png"
cp "$work"/ledger-1.png "$out/ledger.png"
cp "$work"/form-1.png "$out/form.png"
# Characters on the report's longest full line of Chinese text (28 in the GB/T layout).
pdftotext -layout "$work/report.pdf" - | python3 -c '
import re, sys
cjk = [len(l.strip()) for l in sys.stdin if re.fullmatch(r"[\u4e00-\u9fff，。、；：（）]{10,}", l.strip())]
print("longest all-Chinese line of the report:", max(cjk, default=0), "characters")'
echo "wrote $out/report-docx.png $out/ledger.png $out/form.png"
