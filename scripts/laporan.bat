@echo off
rem Menyusun draf laporan LKjIP (Word) dari workbook di folder data (data s.d. Desember).
rem Ubah baris berikut bila folder data Anda di tempat lain, mis. set DATA=D:\LKjIP\2025
set DATA=data
chcp 65001 >nul
cd /d "%~dp0.."
if not exist ".venv\Scripts\lkjip.exe" (
  echo Program belum dipasang. Klik dua kali scripts\pasang.bat terlebih dahulu.
  pause
  exit /b 1
)
".venv\Scripts\lkjip.exe" laporan "%DATA%"
set KODE=%ERRORLEVEL%
echo.
if "%KODE%"=="0" (
  echo Selesai. Draf laporan ada di folder output; bagian berlatar kuning masih harus ditulis.
  start "" "output"
) else (
  echo Belum berhasil ^(kode %KODE%^). Baca pesan di atas, perbaiki, lalu jalankan lagi.
)
pause
exit /b %KODE%
