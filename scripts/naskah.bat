@echo off
rem Membuat naskah_laporan.docx di folder data: semua judul bagian draf LKjIP, tempat menulis teks
rem sendiri (latar belakang, tugas dan fungsi, isu strategis, ...) sekali saja. Naskah yang sudah ada
rem tidak pernah ditimpa.
rem Ubah baris berikut bila folder data Anda di tempat lain, mis. set DATA=D:\LKjIP\2025
set DATA=data
chcp 65001 >nul
cd /d "%~dp0.."
if not exist ".venv\Scripts\lkjip.exe" (
  echo Program belum dipasang. Klik dua kali scripts\pasang.bat terlebih dahulu.
  pause
  exit /b 1
)
".venv\Scripts\lkjip.exe" laporan "%DATA%" --naskah
set KODE=%ERRORLEVEL%
echo.
if "%KODE%"=="0" (
  echo Selesai. Buka naskah_laporan.docx di folder data, tulis di bawah judul-judulnya, simpan,
  echo lalu jalankan scripts\laporan.bat.
  start "" "%DATA%"
) else (
  echo Belum berhasil ^(kode %KODE%^). Baca pesan di atas, perbaiki, lalu jalankan lagi.
)
pause
exit /b %KODE%
