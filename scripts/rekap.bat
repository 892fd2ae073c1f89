@echo off
rem Untuk Bappeda: merekap semua workbook hasil OPD di folder LAMPIRAN (termasuk subfolder).
rem Ubah dua baris berikut sesuai tempat lampiran email dan daftar OPD Anda.
rem Kosongkan DAFTAR (set DAFTAR=) bila tidak ada daftar OPD.
set LAMPIRAN=lampiran
set DAFTAR=daftar_opd.xlsx
chcp 65001 >nul
cd /d "%~dp0.."
if not exist ".venv\Scripts\lkjip.exe" (
  echo Program belum dipasang. Klik dua kali scripts\pasang.bat terlebih dahulu.
  pause
  exit /b 1
)
if "%DAFTAR%"=="" (
  ".venv\Scripts\lkjip.exe" rekap "%LAMPIRAN%"
) else (
  ".venv\Scripts\lkjip.exe" rekap "%LAMPIRAN%" --daftar "%DAFTAR%"
)
set KODE=%ERRORLEVEL%
echo.
if "%KODE%"=="0" (
  echo Selesai. Workbook rekap ada di folder output.
  start "" "output"
) else (
  echo Belum berhasil ^(kode %KODE%^). Baca pesan di atas, perbaiki, lalu jalankan lagi.
)
pause
exit /b %KODE%
