; NSIS additions for the Windows installer (build/electron-builder.config.ts, nsis.include).
;
; "Open with" for submissions and reviews (.json, .xlsx) WITHOUT becoming their default program.
; electron-builder's own fileAssociations would write HKCU\Software\Classes\.json's default value
; (taking .json away from the user's editor) and leave it pointing at nothing after uninstall.
; Here the app only adds itself to each extension's OpenWithProgids list and to its own
; Applications entry's SupportedTypes, which is what Explorer's "Open with" menu reads. Windows
; asks the user before it ever makes an app the default.
;
; SHELL_CONTEXT is HKCU for an "only for me" install and HKLM for "everyone", so a per-user install
; needs no administrator rights.

!define EGOV_PROGID "EGovDesk.SignedFile"

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EGOV_PROGID}" "" "EGov Desk submission or review"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EGOV_PROGID}\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EGOV_PROGID}\shell\open" "" "Open with EGov Desk"
  WriteRegStr SHELL_CONTEXT "Software\Classes\${EGOV_PROGID}\shell\open\command" "" '"$appExe" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "${EGOV_PROGID}"
  WriteRegNone SHELL_CONTEXT "Software\Classes\.xlsx\OpenWithProgids" "${EGOV_PROGID}"

  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}" "FriendlyAppName" "${PRODUCT_NAME}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\shell\open\command" "" '"$appExe" "%1"'
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\SupportedTypes" ".json" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}\SupportedTypes" ".xlsx" ""

  ; SHCNE_ASSOCCHANGED: Explorer re-reads the lists without a sign-out.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
!macroend

!macro customUnInstall
  ; Only what customInstall wrote: the extensions' own keys (and other programs' entries) stay.
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.json\OpenWithProgids" "${EGOV_PROGID}"
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.xlsx\OpenWithProgids" "${EGOV_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\${EGOV_PROGID}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\Applications\${APP_EXECUTABLE_FILENAME}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, i 0, i 0)'
!macroend
